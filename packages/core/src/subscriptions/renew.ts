import {
  Subscription,
  type EntityManager,
  type IInvoice,
  type ISubscription,
  type ScheduledSubscriptionChange,
} from "@portico/db";
import { SYSTEM_ACTOR } from "../actor.js";
import { periodContaining } from "../billing/periods.js";
import { getPrice } from "../catalog/prices.js";
import type { Clock } from "../clock.js";
import { recordSubscriptionEvent } from "./audit.js";
import { endSubscription } from "./cancel.js";
import { replaceItems } from "./change.js";
import { issueSubscriptionInvoice } from "./invoicing.js";
import { currentItems, recurrenceOf, sameRecurrence, type PlanItem } from "./items.js";
import { advanceLines, consumeDrafts, linesOfDrafts, pendingProrationDrafts, usageLines } from "./lines.js";
import { lockSubscription } from "./load.js";
import { restartSubscription } from "./pause.js";

export type RenewalStepKind = "renewed" | "canceled" | "paused" | "resumed";

export interface RenewalStep {
  kind: RenewalStepKind;
  /** The boundary the step happened at (a period end, or a resume date). */
  at: Date;
  invoice: IInvoice | null;
}

export interface RenewalResult {
  subscription: ISubscription;
  /** Empty when nothing was due: renewing is idempotent. */
  steps: RenewalStep[];
  /** Open invoices to charge to the default payment method, oldest first. */
  toCharge: IInvoice[];
}

/** Periods one call catches up at most; the next call goes on where it stopped. */
export const MAX_RENEWAL_STEPS = 400;

async function scheduledItems(
  em: EntityManager,
  subscription: ISubscription,
  change: ScheduledSubscriptionChange,
): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  for (const item of change.items) {
    items.push({
      price: await getPrice(em, subscription.merchant.id, { id: item.price }),
      quantity: item.quantity,
    });
  }
  return items;
}

/**
 * One period boundary of a running subscription, at `at` = its current period's end. The
 * ended period's dues — metered usage (none for a trial) and pending prorations — go on the
 * boundary's invoice, then, in this order: a scheduled cancellation ends the subscription; a
 * scheduled change replaces the items (a new interval resets the anchor to `at`); a pause
 * due now starts; otherwise the next period starts, counted from the anchor, its licensed
 * items billed in advance, and a trial becomes active.
 */
async function rollPeriod(em: EntityManager, subscription: ISubscription): Promise<RenewalStep> {
  const at = subscription.currentPeriodEnd;
  const ended = { start: subscription.currentPeriodStart, end: at };
  if (subscription.cancelAtPeriodEnd) {
    const reason = subscription.cancellationReason ?? "cancellation_requested";
    const invoice = await endSubscription(em, subscription, {
      at,
      prorate: false,
      reason,
      actor: SYSTEM_ACTOR,
    });
    await recordSubscriptionEvent(em, SYSTEM_ACTOR, subscription, "Canceled", at, {
      reason,
      atPeriodEnd: true,
      invoice: invoice?.publicId ?? null,
    });
    return { kind: "canceled", at, invoice };
  }
  const wasTrial = subscription.status === "trialing";
  const drafts = await pendingProrationDrafts(em, subscription);
  const dues = [
    ...(wasTrial ? [] : await usageLines(em, subscription, currentItems(subscription), ended)),
    ...linesOfDrafts(drafts),
  ];
  consumeDrafts(em, drafts);

  const change = subscription.scheduledChange;
  if (change && new Date(change.effectiveAt).getTime() <= at.getTime()) {
    const before = recurrenceOf(currentItems(subscription));
    const items = await scheduledItems(em, subscription, change);
    replaceItems(em, subscription, items, at);
    if (!sameRecurrence(before, recurrenceOf(items))) subscription.billingCycleAnchor = at;
    subscription.scheduledChange = null;
    await recordSubscriptionEvent(em, SYSTEM_ACTOR, subscription, "ScheduledChangeApplied", at, {
      items: change.items,
    });
  }

  if (subscription.pausedAt && subscription.pausedAt.getTime() <= at.getTime()) {
    subscription.status = "paused";
    subscription.pausedAt = at;
    const invoice = await issueSubscriptionInvoice(em, subscription, dues, {
      at,
      billingReason: "subscription_cycle",
      period: ended,
      actor: SYSTEM_ACTOR,
    });
    await recordSubscriptionEvent(em, SYSTEM_ACTOR, subscription, "Paused", at, {
      resumeAt: subscription.resumeAt?.toISOString() ?? null,
      invoice: invoice?.publicId ?? null,
    });
    return { kind: "paused", at, invoice };
  }

  const items = currentItems(subscription);
  const next = periodContaining(subscription.billingCycleAnchor, recurrenceOf(items), at);
  const period = { start: at, end: next.end };
  subscription.currentPeriodStart = period.start;
  subscription.currentPeriodEnd = period.end;
  if (wasTrial) subscription.status = "active";
  const invoice = await issueSubscriptionInvoice(
    em,
    subscription,
    [...advanceLines(subscription, items, period), ...dues],
    {
      at,
      billingReason: "subscription_cycle",
      period,
      actor: SYSTEM_ACTOR,
    },
  );
  await recordSubscriptionEvent(em, SYSTEM_ACTOR, subscription, wasTrial ? "TrialEnded" : "Renewed", at, {
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    invoice: invoice?.publicId ?? null,
  });
  return { kind: "renewed", at, invoice };
}

const RENEWING: readonly ISubscription["status"][] = ["trialing", "active", "past_due"];

/**
 * Brings a subscription up to `clock.now()`, one boundary at a time: period rolls (see
 * rollPeriod) while the current period has ended, and the automatic resume of a pause whose
 * `resumeAt` has come. Idempotent: the row is locked for the transaction and nothing happens
 * unless a boundary is due, so a second call for the same boundary (or a concurrent one,
 * which waits for the lock) does nothing. Several boundaries (a test clock jumped, the job
 * runner was down) are caught up in order, each invoice issued at its boundary's time.
 * Incomplete subscriptions do not renew (they await their first payment). Runs as the system.
 */
export async function renewSubscription(em: EntityManager, clock: Clock, id: string): Promise<RenewalResult> {
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, id, null);
    const now = clock.now().getTime();
    const steps: RenewalStep[] = [];
    while (steps.length < MAX_RENEWAL_STEPS) {
      if (subscription.status === "paused") {
        const resumeAt = subscription.resumeAt;
        if (!resumeAt || resumeAt.getTime() > now) break;
        const invoice = await restartSubscription(tx, subscription, resumeAt, SYSTEM_ACTOR);
        await recordSubscriptionEvent(tx, SYSTEM_ACTOR, subscription, "Resumed", resumeAt, {
          automatic: true,
          invoice: invoice?.publicId ?? null,
        });
        steps.push({ kind: "resumed", at: resumeAt, invoice });
      } else if (RENEWING.includes(subscription.status) && subscription.currentPeriodEnd.getTime() <= now) {
        steps.push(await rollPeriod(tx, subscription));
      } else {
        break;
      }
      await tx.flush();
    }
    const toCharge = steps.flatMap(({ invoice }) =>
      invoice && invoice.status === "open" && invoice.collectionMethod === "charge_automatically"
        ? [invoice]
        : [],
    );
    return { subscription, steps, toCharge };
  });
}

export interface DueRenewal {
  /** `sub_…` */
  subscription: string;
  merchantId: number;
  /** The boundary that is due: the current period's end, or the resume date of a pause. */
  dueAt: Date;
}

/**
 * Subscriptions with a boundary due by `now`, earliest first, for the job runner: running
 * ones (trialing, active, past due) whose period has ended — cancellations, pauses and
 * scheduled changes happen at that boundary — and paused ones whose resume date has come.
 * Subscriptions on a test clock are left to their clock (pass its id to list them).
 */
export async function dueRenewals(
  em: EntityManager,
  now: Date,
  limit: number,
  options: { testClockId?: number | null } = {},
): Promise<DueRenewal[]> {
  const rows = await em.find(
    Subscription,
    {
      testClock: options.testClockId ?? null,
      $or: [
        { status: { $in: [...RENEWING] }, currentPeriodEnd: { $lte: now } },
        { status: "paused", resumeAt: { $lte: now } },
      ],
    },
    { orderBy: { currentPeriodEnd: "asc", id: "asc" }, limit },
  );
  return rows.map((row) => ({
    subscription: row.publicId,
    merchantId: row.merchant.id,
    dueAt: row.status === "paused" && row.resumeAt ? row.resumeAt : row.currentPeriodEnd,
  }));
}
