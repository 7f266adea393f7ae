import type { EntityManager, IInvoice, ISubscription } from "@portico/db";
import type { Actor } from "../actor.js";
import { periodBoundary } from "../billing/periods.js";
import type { Clock } from "../clock.js";
import { recordSubscriptionEvent } from "./audit.js";
import { assertNotCanceled, badSubscriptionInput, subscriptionConflict } from "./errors.js";
import { issueSubscriptionInvoice } from "./invoicing.js";
import { currentItems, recurrenceOf } from "./items.js";
import { advanceLines } from "./lines.js";
import { lockSubscription, SUBSCRIPTION_POPULATE, type SubscriptionActor } from "./load.js";
import { addDays, toSecond } from "./time.js";

export interface PauseSubscriptionInput {
  /** `sub_…` */
  id: string;
  /** When the subscription resumes by itself; omitted: at the longest pause allowed, or never. */
  resumeAt?: Date | null;
  /** The longest pause allowed, in days from the pause's start (a portal configuration's limit). */
  maxPauseDays?: number | null;
}

export const MAX_PAUSE_DAYS = 3650;

/**
 * Schedules a pause. A pause starts at the end of the current period, which was paid for:
 * nothing is refunded, and nothing is billed while paused (the renewal at the period's end
 * bills only what the ended period owes — usage, pending prorations — and stops). It ends at
 * `resumeAt`, or when resumed; `resumeAt` is never more than `maxPauseDays` after the pause
 * starts (PAUSE_TOO_LONG), and with a maximum but no `resumeAt` it is set to the maximum.
 * Active and trialing subscriptions pause (a trial pauses at its end); one set to cancel
 * does not, nor one already pausing.
 */
export async function pauseSubscription(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  input: PauseSubscriptionInput,
): Promise<ISubscription> {
  const max = input.maxPauseDays ?? null;
  if (max !== null && (!Number.isInteger(max) || max < 1 || max > MAX_PAUSE_DAYS)) {
    throw badSubscriptionInput("INVALID_MAX_PAUSE_DAYS", `maxPauseDays is 1 to ${MAX_PAUSE_DAYS}.`);
  }
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, input.id, actor);
    assertNotCanceled(subscription);
    const { status } = subscription;
    if (status === "paused" || subscription.pausedAt) {
      throw subscriptionConflict(
        "SUBSCRIPTION_ALREADY_PAUSED",
        "This subscription is already pausing.",
        status,
      );
    }
    if (status !== "active" && status !== "trialing") {
      throw subscriptionConflict(
        "SUBSCRIPTION_NOT_PAUSABLE",
        `A ${status} subscription cannot pause.`,
        status,
      );
    }
    if (subscription.cancelAtPeriodEnd) {
      throw subscriptionConflict(
        "SUBSCRIPTION_CANCELING",
        "This subscription ends at the period's end.",
        status,
      );
    }
    const startsAt = subscription.currentPeriodEnd;
    const latest = max === null ? null : addDays(startsAt, max);
    const resumeAt = input.resumeAt ? toSecond(input.resumeAt) : latest;
    if (resumeAt && resumeAt.getTime() <= startsAt.getTime()) {
      throw badSubscriptionInput("RESUME_BEFORE_PAUSE", "resumeAt must be after the pause starts.", {
        pauseStartsAt: startsAt.toISOString(),
      });
    }
    if (resumeAt && latest && resumeAt.getTime() > latest.getTime()) {
      throw badSubscriptionInput("PAUSE_TOO_LONG", `A pause lasts at most ${max} days.`, {
        maxPauseDays: max,
        latestResumeAt: latest.toISOString(),
      });
    }
    subscription.pausedAt = startsAt;
    subscription.resumeAt = resumeAt;
    await recordSubscriptionEvent(tx, actor, subscription, "PauseScheduled", toSecond(clock.now()), {
      pausesAt: startsAt.toISOString(),
      resumeAt: resumeAt?.toISOString() ?? null,
    });
    await tx.flush();
    return subscription;
  });
}

/**
 * A paused subscription restarts at `at`: active, the anchor reset to `at`, a new full period
 * invoiced in advance. Shared by resumeSubscription and renewals at `resumeAt`.
 */
export async function restartSubscription(
  em: EntityManager,
  subscription: ISubscription,
  at: Date,
  actor: Actor,
): Promise<IInvoice | null> {
  const items = currentItems(subscription);
  const period = { start: at, end: periodBoundary(at, recurrenceOf(items), 1) };
  subscription.status = "active";
  subscription.pausedAt = null;
  subscription.resumeAt = null;
  subscription.billingCycleAnchor = at;
  subscription.currentPeriodStart = period.start;
  subscription.currentPeriodEnd = period.end;
  return issueSubscriptionInvoice(em, subscription, advanceLines(subscription, items, period), {
    at,
    billingReason: "subscription_cycle",
    period,
    actor,
  });
}

/**
 * Resumes a paused subscription now (see restartSubscription); a pause that has not started
 * yet is simply dropped. Anything else is CONFLICT SUBSCRIPTION_NOT_PAUSED.
 */
export async function resumeSubscription(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  id: string,
): Promise<{ subscription: ISubscription; invoice: IInvoice | null }> {
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, id, actor);
    assertNotCanceled(subscription);
    const now = toSecond(clock.now());
    let invoice: IInvoice | null = null;
    if (subscription.status === "paused") {
      invoice = await restartSubscription(tx, subscription, now, actor);
      await recordSubscriptionEvent(tx, actor, subscription, "Resumed", now, {
        invoice: invoice?.publicId ?? null,
      });
    } else if (subscription.pausedAt) {
      subscription.pausedAt = null;
      subscription.resumeAt = null;
      await recordSubscriptionEvent(tx, actor, subscription, "PauseCanceled", now);
    } else {
      throw subscriptionConflict(
        "SUBSCRIPTION_NOT_PAUSED",
        "This subscription is not paused.",
        subscription.status,
      );
    }
    await tx.flush();
    await tx.populate(subscription, SUBSCRIPTION_POPULATE);
    return { subscription, invoice };
  });
}
