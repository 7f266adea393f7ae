import type { EntityManager, IInvoice, ISubscription, SubscriptionCancellationReason } from "@portico/db";
import type { Actor } from "../actor.js";
import { fixedClock, type Clock } from "../clock.js";
import { voidInvoice } from "../invoices/transitions.js";
import { recordSubscriptionEvent } from "./audit.js";
import { billingPeriodOf } from "./change-plan.js";
import { assertNotCanceled, badSubscriptionInput, subscriptionConflict } from "./errors.js";
import { issueSubscriptionInvoice } from "./invoicing.js";
import { currentItems, recurrenceOf } from "./items.js";
import {
  changeProrationLines,
  consumeDrafts,
  linesOfDrafts,
  pendingProrationDrafts,
  usageLines,
  type PlannedLine,
} from "./lines.js";
import { lockSubscription, SUBSCRIPTION_POPULATE, type SubscriptionActor } from "./load.js";
import { toSecond } from "./time.js";

export interface CancelSubscriptionInput {
  /** `sub_…` */
  id: string;
  /** `period_end`: at the end of the current period (undo with undoCancel); `now`: at once. */
  at: "now" | "period_end";
  /** With `now`: credit the unused time of licensed items to the customer balance. */
  prorate?: boolean;
  reason?: SubscriptionCancellationReason;
}

/**
 * The subscription ends at `at`, with its final invoice: metered usage of the period so far
 * and pending prorations are billed (they are for time already used, so they are finalized,
 * never dropped), plus, with `prorate`, a credit for the unused time of licensed items — a
 * net credit goes to the customer balance through finalizeInvoice. A trial bills nothing.
 * Also used by renewals at a scheduled cancellation (then `at` is the period's end and
 * nothing is unused).
 */
export async function endSubscription(
  em: EntityManager,
  subscription: ISubscription,
  options: { at: Date; prorate: boolean; reason: SubscriptionCancellationReason; actor: Actor },
): Promise<IInvoice | null> {
  const { at } = options;
  const running = subscription.status === "active" || subscription.status === "past_due";
  const drafts = await pendingProrationDrafts(em, subscription);
  const lines: PlannedLine[] = linesOfDrafts(drafts);
  if (running) {
    const items = currentItems(subscription);
    if (options.prorate) {
      const period = billingPeriodOf(subscription, recurrenceOf(items));
      lines.push(...changeProrationLines(subscription, items, [], period, at));
    }
    lines.push(
      ...(await usageLines(em, subscription, items, { start: subscription.currentPeriodStart, end: at })),
    );
  }
  consumeDrafts(em, drafts);
  const latest = subscription.latestInvoice?.getEntity();
  if (subscription.status === "incomplete" && latest?.status === "open" && latest.amountPaid === 0) {
    // Never paid, never started: its first invoice goes (Stripe's incomplete_expired).
    await voidInvoice(em, fixedClock(at), latest, options.actor);
  }
  const invoice = await issueSubscriptionInvoice(em, subscription, lines, {
    at,
    billingReason: "subscription_update",
    period: { start: subscription.currentPeriodStart, end: at },
    actor: options.actor,
  });
  subscription.status = "canceled";
  subscription.endedAt = at;
  subscription.canceledAt ??= at;
  subscription.cancelAtPeriodEnd = false;
  subscription.cancelAt = null;
  subscription.cancellationReason = options.reason;
  subscription.scheduledChange = null;
  if (subscription.pausedAt && subscription.pausedAt.getTime() > at.getTime()) {
    subscription.pausedAt = null;
    subscription.resumeAt = null;
  }
  return invoice;
}

/**
 * Cancels at once (`now`) or at the period's end (`period_end`: the subscription runs and is
 * billed to the end of the period it was paid for; it can be undone until then). A paused
 * subscription has no running period and is canceled `now`. Canceled is final.
 */
export async function cancelSubscription(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  input: CancelSubscriptionInput,
): Promise<{ subscription: ISubscription; invoice: IInvoice | null }> {
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, input.id, actor);
    assertNotCanceled(subscription);
    const now = toSecond(clock.now());
    const reason = input.reason ?? "cancellation_requested";
    let invoice: IInvoice | null = null;
    if (input.at === "period_end") {
      if (input.prorate) {
        throw badSubscriptionInput(
          "PRORATE_NEEDS_NOW",
          "Only an immediate cancellation credits unused time.",
        );
      }
      if (subscription.status === "paused") {
        throw subscriptionConflict(
          "SUBSCRIPTION_PAUSED",
          "A paused subscription has no period to end; cancel it now.",
          "paused",
        );
      }
      subscription.cancelAtPeriodEnd = true;
      subscription.cancelAt = subscription.currentPeriodEnd;
      subscription.canceledAt = now;
      subscription.cancellationReason = reason;
      const pauseDropped = subscription.pausedAt != null;
      subscription.pausedAt = null;
      subscription.resumeAt = null;
      await recordSubscriptionEvent(tx, actor, subscription, "CancelScheduled", now, {
        cancelAt: subscription.cancelAt.toISOString(),
        reason,
        pauseDropped,
      });
    } else {
      subscription.canceledAt = now;
      invoice = await endSubscription(tx, subscription, {
        at: now,
        prorate: input.prorate ?? false,
        reason,
        actor,
      });
      await recordSubscriptionEvent(tx, actor, subscription, "Canceled", now, {
        reason,
        prorate: input.prorate ?? false,
        invoice: invoice?.publicId ?? null,
        total: invoice?.total ?? null,
      });
    }
    await tx.flush();
    await tx.populate(subscription, SUBSCRIPTION_POPULATE);
    return { subscription, invoice };
  });
}

/** Keeps a subscription set to cancel at the period's end; nothing scheduled is no change. */
export async function undoCancel(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  id: string,
): Promise<ISubscription> {
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, id, actor);
    assertNotCanceled(subscription);
    if (subscription.cancelAtPeriodEnd) {
      subscription.cancelAtPeriodEnd = false;
      subscription.cancelAt = null;
      subscription.canceledAt = null;
      subscription.cancellationReason = null;
      await recordSubscriptionEvent(tx, actor, subscription, "CancelUndone", toSecond(clock.now()));
      await tx.flush();
    }
    return subscription;
  });
}
