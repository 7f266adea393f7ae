import type {
  EntityManager,
  IInvoice,
  ISubscription,
  ProrationBehavior,
  ScheduledSubscriptionChange,
} from "@portico/db";
import { periodBoundary, periodContaining, type Period, type Recurrence } from "../billing/periods.js";
import { badSubscriptionInput, subscriptionConflict, assertNotCanceled } from "./errors.js";
import {
  currentItems,
  isMetered,
  recurrenceOf,
  resolveItems,
  sameRecurrence,
  type ItemInput,
  type PlanItem,
} from "./items.js";
import {
  advanceLines,
  changeProrationLines,
  linesOfDrafts,
  pendingProrationDrafts,
  usageLines,
  type PlannedLine,
} from "./lines.js";

export type ChangeEffective = "now" | "period_end";

export interface ChangeSubscriptionInput {
  /** `sub_…` */
  id: string;
  /** Every item the subscription has afterwards (items left out are removed). */
  items: ItemInput[];
  /** Default: the subscription's `prorationBehavior`. */
  prorationBehavior?: ProrationBehavior;
  /** Default `now`. */
  effective?: ChangeEffective;
}

/** The renewal invoice a change leads to (metered usage, unknown yet, is added to it then). */
export interface NextInvoicePlan {
  date: Date;
  period: Period;
  lines: PlannedLine[];
}

/**
 * Everything a change does, computed once and used twice — by previewChange to describe it
 * and by applyChange to do it — so the two cannot disagree.
 */
export interface ChangePlan {
  at: Date;
  effective: ChangeEffective;
  behavior: ProrationBehavior;
  before: PlanItem[];
  after: PlanItem[];
  /** Lines invoiced and finalized now (none: no invoice now). */
  invoiceNow: PlannedLine[];
  /** The period the invoice now is for. */
  invoicePeriod: Period;
  /** Lines left pending for the next invoice (`create_prorations`). */
  hold: PlannedLine[];
  /** Drafts of pending prorations the invoice now takes over. */
  consumed: IInvoice[];
  /** A new interval resets the anchor to `at`: the period that then starts. */
  newPeriod: Period | null;
  scheduled: ScheduledSubscriptionChange | null;
  /** Null when the subscription ends or pauses at the period's end. */
  next: NextInvoicePlan | null;
}

/** The full billing period holding the current one, counted from the anchor. */
export function billingPeriodOf(subscription: ISubscription, recurrence: Recurrence): Period {
  return periodContaining(subscription.billingCycleAnchor, recurrence, subscription.currentPeriodStart);
}

/** Only a running subscription changes: not canceled, paused or awaiting its first payment. */
export function assertChangeable(subscription: ISubscription): void {
  assertNotCanceled(subscription);
  if (subscription.status === "paused") {
    throw subscriptionConflict(
      "SUBSCRIPTION_PAUSED",
      "Resume this subscription before changing it.",
      "paused",
    );
  }
  if (subscription.status === "incomplete") {
    throw subscriptionConflict(
      "SUBSCRIPTION_INCOMPLETE",
      "This subscription awaits its first payment.",
      "incomplete",
    );
  }
}

const endsOrPausesAtPeriodEnd = (subscription: ISubscription) =>
  subscription.cancelAtPeriodEnd || subscription.pausedAt != null;

/**
 * The renewal at `date` with `items`: licensed items for the period that starts then
 * (counted from `anchor`), then the pending lines, as renewSubscription builds it.
 */
function nextInvoice(
  subscription: ISubscription,
  items: readonly PlanItem[],
  anchor: Date,
  date: Date,
  pending: readonly PlannedLine[],
): NextInvoicePlan {
  const period = periodContaining(anchor, recurrenceOf(items), date);
  return { date, period, lines: [...advanceLines(subscription, items, period), ...pending] };
}

/** Metered items whose meter no item bills after the change: their usage so far is due now. */
function droppedMeters(before: readonly PlanItem[], after: readonly PlanItem[]): PlanItem[] {
  const kept = new Set(after.filter(isMetered).map((item) => item.price.meter?.id));
  return before.filter((item) => isMetered(item) && !kept.has(item.price.meter?.id));
}

/**
 * What changing the subscription's items at `at` means (Stripe's rules where the design is
 * silent):
 * - `period_end`: nothing now; the change is stored as `scheduledChange` and the renewal
 *   applies it.
 * - during a trial: the items are swapped, nothing is prorated or invoiced.
 * - a new interval (monthly → yearly): the anchor resets to now and an invoice is issued at
 *   once — unused time of the old items credited (unless `none`), usage so far, pending
 *   prorations, and the new items' first full period.
 * - otherwise, to the second over the full period: `always_invoice` invoices the credit for
 *   unused time and the charge for the remaining time now (with pending prorations);
 *   `create_prorations` leaves them pending for the renewal; `none` prorates nothing.
 * Removing the last item on a meter bills that meter's usage so far (at once with
 * `always_invoice`, else with the renewal); a meter that stays billed is billed at the
 * period's end at the price it has then.
 */
export async function planChange(
  em: EntityManager,
  subscription: ISubscription,
  input: ChangeSubscriptionInput,
  now: Date,
): Promise<ChangePlan> {
  assertChangeable(subscription);
  const before = currentItems(subscription);
  const after = await resolveItems(em, subscription.merchant.id, input.items, before);
  if (after[0]!.price.currency !== subscription.currency) {
    throw badSubscriptionInput(
      "CURRENCY_MISMATCH",
      `This subscription is billed in ${subscription.currency}.`,
      {
        currency: subscription.currency,
      },
    );
  }
  const behavior = input.prorationBehavior ?? subscription.prorationBehavior;
  const effective = input.effective ?? "now";
  const drafts = await pendingProrationDrafts(em, subscription);
  const pending = linesOfDrafts(drafts);
  const periodEnd = subscription.currentPeriodEnd;
  const plan: ChangePlan = {
    at: now,
    effective,
    behavior,
    before,
    after,
    invoiceNow: [],
    invoicePeriod: { start: now, end: periodEnd },
    hold: [],
    consumed: [],
    newPeriod: null,
    scheduled: null,
    next: null,
  };
  const intervalChanged = !sameRecurrence(recurrenceOf(before), recurrenceOf(after));
  const renewalAnchor = intervalChanged ? periodEnd : subscription.billingCycleAnchor;

  if (effective === "period_end") {
    plan.scheduled = {
      effectiveAt: periodEnd.toISOString(),
      items: after.map((item) => ({ price: item.price.publicId, quantity: item.quantity })),
      prorationBehavior: behavior,
      requestedAt: now.toISOString(),
    };
    if (!endsOrPausesAtPeriodEnd(subscription)) {
      plan.next = nextInvoice(subscription, after, renewalAnchor, periodEnd, pending);
    }
    return plan;
  }

  if (subscription.status === "trialing") {
    if (!endsOrPausesAtPeriodEnd(subscription)) {
      plan.next = nextInvoice(subscription, after, renewalAnchor, periodEnd, pending);
    }
    return plan;
  }

  const fullPeriod = billingPeriodOf(subscription, recurrenceOf(before));
  const soFar = { start: subscription.currentPeriodStart, end: now };
  if (intervalChanged) {
    const newPeriod = { start: now, end: periodBoundary(now, recurrenceOf(after), 1) };
    const credits =
      behavior === "none" ? [] : changeProrationLines(subscription, before, [], fullPeriod, now);
    plan.newPeriod = newPeriod;
    plan.invoicePeriod = newPeriod;
    plan.consumed = drafts;
    plan.invoiceNow = [
      ...pending,
      ...credits,
      ...(await usageLines(em, subscription, before, soFar)),
      ...advanceLines(subscription, after, newPeriod),
    ];
    if (!endsOrPausesAtPeriodEnd(subscription)) {
      plan.next = nextInvoice(subscription, after, now, newPeriod.end, []);
    }
    return plan;
  }

  const prorations =
    behavior === "none" ? [] : changeProrationLines(subscription, before, after, fullPeriod, now);
  const changeLines = [
    ...prorations,
    ...(await usageLines(em, subscription, droppedMeters(before, after), soFar)),
  ];
  if (behavior === "always_invoice") {
    plan.invoiceNow = [...pending, ...changeLines];
    plan.consumed = drafts;
  } else {
    plan.hold = changeLines;
  }
  if (!endsOrPausesAtPeriodEnd(subscription)) {
    const stillPending = plan.consumed.length > 0 ? [] : [...pending, ...plan.hold];
    plan.next = nextInvoice(subscription, after, renewalAnchor, periodEnd, stillPending);
  }
  return plan;
}
