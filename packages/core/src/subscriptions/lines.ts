import { Invoice, type EntityManager, type IInvoice, type ISubscription } from "@portico/db";
import { type Period } from "../billing/periods.js";
import { amountForQuantity } from "../billing/pricing.js";
import { prorate, prorationLines } from "../billing/proration.js";
import type { DraftLine } from "../invoices/draft.js";
import { usageForPeriod } from "../usage/current-usage.js";
import {
  isLicensed,
  isMetered,
  itemLabel,
  periodAmount,
  priceLabel,
  termsOf,
  type PlanItem,
} from "./items.js";

/** A line for an invoice of a subscription, with its price's public id for previews. */
export interface PlannedLine extends DraftLine {
  pricePublicId: string | null;
}

function itemLine(
  subscription: ISubscription,
  item: PlanItem,
): Omit<PlannedLine, "type" | "description" | "amount"> {
  return {
    pricePublicId: item.price.publicId,
    priceId: item.price.id,
    subscriptionId: subscription.id,
    quantity: item.quantity,
    unitAmount: item.price.unitAmount ?? null,
    unitAmountDecimal: item.price.unitAmountDecimal ?? null,
  };
}

/** Licensed items for a whole period, billed at its start. */
export function advanceLines(
  subscription: ISubscription,
  items: readonly PlanItem[],
  period: Period,
): PlannedLine[] {
  return items.filter(isLicensed).map((item) => ({
    ...itemLine(subscription, item),
    type: "subscription",
    description: itemLabel(item),
    amount: periodAmount(item),
    periodStart: period.start,
    periodEnd: period.end,
  }));
}

/**
 * Licensed items for the part of `period` after `from`: a first period cut short by a
 * billing-cycle anchor, prorated to the second as Stripe does.
 */
export function partialAdvanceLines(
  subscription: ISubscription,
  items: readonly PlanItem[],
  period: Period,
  from: Date,
): PlannedLine[] {
  if (from.getTime() <= period.start.getTime()) return advanceLines(subscription, items, period);
  return items.filter(isLicensed).map((item) => ({
    ...itemLine(subscription, item),
    type: "subscription",
    description: itemLabel(item),
    amount: prorate(periodAmount(item), period, from),
    periodStart: from,
    periodEnd: period.end,
    proration: true,
  }));
}

/**
 * Metered items priced from the customer's `period` aggregate of each meter (keyed by the
 * period's start, as ingestion files it); nothing for an item with no usage and no base fee.
 */
export async function usageLines(
  em: EntityManager,
  subscription: ISubscription,
  items: readonly PlanItem[],
  period: Period,
): Promise<PlannedLine[]> {
  const lines: PlannedLine[] = [];
  for (const item of items.filter(isMetered)) {
    const meter = item.price.meter;
    if (!meter) continue;
    const usage = await usageForPeriod(em, subscription.customer.id, meter.id, period.start);
    const amount = amountForQuantity(termsOf(item.price), usage.quantity);
    if (usage.quantity === 0 && amount === 0) continue;
    lines.push({
      ...itemLine(subscription, item),
      type: "usage",
      description: `${priceLabel(item.price)} usage`,
      quantity: usage.quantity,
      amount,
      periodStart: period.start,
      periodEnd: period.end,
    });
  }
  return lines;
}

/**
 * Proration of licensed items changed at `at` within `period` (the full period counted from
 * the anchor, so a first period cut short by an anchor credits exactly what was charged):
 * a credit for each old item's unused time, a charge for each new item's remaining time.
 */
export function changeProrationLines(
  subscription: ISubscription,
  before: readonly PlanItem[],
  after: readonly PlanItem[],
  period: Period,
  at: Date,
): PlannedLine[] {
  const byKey = new Map([...before, ...after].map((item) => [item.price.publicId, item.price]));
  const prorated = (items: readonly PlanItem[]) =>
    items.filter(isLicensed).map((item) => ({
      price: item.price.publicId,
      quantity: item.quantity,
      amount: periodAmount(item),
      description: itemLabel(item),
    }));
  return prorationLines(prorated(before), prorated(after), period, at).map((line) => {
    const price = byKey.get(line.price)!;
    return {
      ...itemLine(subscription, { price, quantity: line.quantity }),
      type: "proration",
      description: `${line.kind === "unused_time" ? "Unused time on" : "Remaining time on"} ${line.description}`,
      amount: line.amount,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      proration: true,
    };
  });
}

/** Marks the drafts that hold a subscription's pending prorations (see holdPendingLines). */
export const PENDING_PRORATIONS_KEY = "pending_prorations";

/**
 * The subscription's pending prorations: `create_prorations` changes leave their lines on a
 * draft invoice (billing reason `subscription_update`), which the next invoice of the
 * subscription — the renewal, or an immediate one — takes over and deletes. Drafts have no
 * number, so the sequence stays gap-free; the draft shows the pending amounts meanwhile.
 */
export async function pendingProrationDrafts(
  em: EntityManager,
  subscription: ISubscription,
): Promise<IInvoice[]> {
  const drafts = await em.find(
    Invoice,
    { subscription: subscription.id, status: "draft", billingReason: "subscription_update" },
    { populate: ["lines", "lines.price"], orderBy: { id: "asc" } },
  );
  return drafts.filter((draft) => draft.metadata[PENDING_PRORATIONS_KEY] === "true");
}

export function linesOfDrafts(drafts: readonly IInvoice[]): PlannedLine[] {
  return drafts.flatMap((draft) =>
    draft.lines
      .getItems()
      .sort((a, b) => a.id - b.id)
      .map((line) => ({
        pricePublicId: line.price?.getEntity().publicId ?? null,
        priceId: line.price?.id ?? null,
        subscriptionId: line.subscription?.id ?? null,
        subscriptionItemId: line.subscriptionItem?.id ?? null,
        type: line.type,
        description: line.description,
        quantity: line.quantity,
        unitAmount: line.unitAmount ?? null,
        unitAmountDecimal: line.unitAmountDecimal ?? null,
        amount: line.amount,
        periodStart: line.periodStart ?? null,
        periodEnd: line.periodEnd ?? null,
        proration: line.proration,
      })),
  );
}

/** Deletes drafts whose lines another invoice took over. */
export function consumeDrafts(em: EntityManager, drafts: readonly IInvoice[]): void {
  for (const draft of drafts) {
    for (const line of draft.lines.getItems()) em.remove(line);
    em.remove(draft);
  }
}
