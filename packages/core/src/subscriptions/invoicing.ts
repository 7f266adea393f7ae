import { ref } from "@mikro-orm/core";
import {
  Customer,
  type EntityManager,
  type ICustomer,
  type IDiscount,
  type IInvoice,
  type InvoiceBillingReason,
  type ISubscription,
} from "@portico/db";
import type { Actor } from "../actor.js";
import type { Period } from "../billing/periods.js";
import { invoiceTotals } from "../billing/totals.js";
import { fixedClock } from "../clock.js";
import { createDraftInvoice, discountTerms } from "../invoices/draft.js";
import { finalizeInvoice } from "../invoices/finalize.js";
import { taxRateFor } from "../invoices/tax.js";
import { activeDiscount, markDiscountUsed } from "./discounts.js";
import { PENDING_PRORATIONS_KEY, type PlannedLine } from "./lines.js";

export interface IssueOptions {
  /** The invoice's date: issue and due dates count from it (a renewal's period boundary). */
  at: Date;
  billingReason: InvoiceBillingReason;
  period: Period;
  actor: Actor;
}

const customerOf = (em: EntityManager, subscription: ISubscription): Promise<ICustomer> =>
  em.findOneOrFail(Customer, subscription.customer.id);

/**
 * Draft → finalized invoice of the subscription's lines, with its active discount, in the
 * caller's transaction; it becomes the subscription's latest invoice. finalizeInvoice settles
 * it against the customer balance (a net credit goes to the balance, nothing due → paid).
 * No lines, no invoice.
 */
export async function issueSubscriptionInvoice(
  em: EntityManager,
  subscription: ISubscription,
  lines: readonly PlannedLine[],
  options: IssueOptions,
): Promise<IInvoice | null> {
  if (lines.length === 0) return null;
  const clock = fixedClock(options.at);
  const discount = await activeDiscount(em, subscription, options.at);
  const draft = await createDraftInvoice(em, clock, {
    customer: await customerOf(em, subscription),
    currency: subscription.currency,
    lines: [...lines],
    billingReason: options.billingReason,
    collectionMethod: subscription.collectionMethod,
    subscriptionId: subscription.id,
    periodStart: options.period.start,
    periodEnd: options.period.end,
    coupon: discount?.coupon.getEntity() ?? null,
  });
  if (discount) {
    draft.discount = ref(discount);
    markDiscountUsed(discount, options.at);
  }
  const invoice = await finalizeInvoice(em, clock, draft, {
    daysUntilDue: subscription.daysUntilDue ?? null,
    actor: options.actor,
  });
  subscription.latestInvoice = ref(invoice);
  return invoice;
}

/** Leaves `create_prorations` lines on a draft for the subscription's next invoice. */
export async function holdPendingLines(
  em: EntityManager,
  subscription: ISubscription,
  lines: readonly PlannedLine[],
  at: Date,
): Promise<void> {
  if (lines.length === 0) return;
  const draft = await createDraftInvoice(em, fixedClock(at), {
    customer: await customerOf(em, subscription),
    currency: subscription.currency,
    lines: [...lines],
    billingReason: "subscription_update",
    collectionMethod: subscription.collectionMethod,
    subscriptionId: subscription.id,
    memo: "Prorations for the next invoice of the subscription.",
  });
  draft.metadata = { [PENDING_PRORATIONS_KEY]: "true" };
}

export interface PreviewTotals {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

/**
 * The totals createDraftInvoice would give `lines` today: the same tax rate lookup and the
 * same discount terms, so a preview and the invoice it announces agree to the minor unit.
 */
export async function previewTotals(
  em: EntityManager,
  subscription: ISubscription,
  lines: readonly PlannedLine[],
  discount: IDiscount | null,
): Promise<PreviewTotals> {
  if (lines.length === 0) return { subtotal: 0, discount: 0, tax: 0, total: 0 };
  const rate = await taxRateFor(em, await customerOf(em, subscription));
  const tax = rate ? { ratePpm: rate.ratePpm, inclusive: rate.inclusive } : null;
  const totals = invoiceTotals(
    lines.map((line) => ({ amount: line.amount, tax })),
    discountTerms(discount?.coupon.getEntity() ?? null, subscription.currency),
  );
  return {
    subtotal: totals.subtotal,
    discount: totals.discountTotal,
    tax: totals.taxTotal,
    total: totals.total,
  };
}

/** What finalizeInvoice would ask for an invoice of `total`, after the customer balance. */
export async function amountDueAfterBalance(
  em: EntityManager,
  subscription: ISubscription,
  total: number,
): Promise<number> {
  const customer = await customerOf(em, subscription);
  return Math.max(customer.balance + total, 0);
}
