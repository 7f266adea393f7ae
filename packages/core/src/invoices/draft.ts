import {
  type CollectionMethod,
  type EntityManager,
  type ICoupon,
  type ICustomer,
  type IInvoice,
  type InvoiceBillingReason,
  type InvoiceLineType,
  type ITaxRate,
  Invoice,
  InvoiceLine,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { type DiscountTerms, invoiceTotals } from "../billing/totals.js";
import { taxRateFor } from "./tax.js";

/** One line to put on a draft invoice; `amount` is signed minor units (credits negative). */
export interface DraftLine {
  type: InvoiceLineType;
  description: string;
  amount: number;
  quantity?: number;
  unitAmount?: number | null;
  unitAmountDecimal?: string | null;
  priceId?: number | null;
  subscriptionId?: number | null;
  subscriptionItemId?: number | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
  proration?: boolean;
}

export interface DraftInvoiceInput {
  customer: ICustomer;
  currency: string;
  lines: DraftLine[];
  billingReason?: InvoiceBillingReason;
  collectionMethod?: CollectionMethod;
  subscriptionId?: number | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
  /** An invoice-level coupon (the subscription's or the account's discount). */
  coupon?: Pick<ICoupon, "percentOffBps" | "amountOff" | "amountOffCurrency"> | null;
  /** Overrides the customer's default rate; null for no tax. Omitted: `taxRateFor`. */
  taxRate?: ITaxRate | null;
  memo?: string | null;
}

/**
 * A draft invoice with its lines, per-line discount and tax, and totals (see
 * billing/totals.ts). Nothing is owed until it is finalized. Persisted in `em`; flush with
 * the caller's transaction.
 */
export async function createDraftInvoice(
  em: EntityManager,
  clock: Clock,
  input: DraftInvoiceInput,
): Promise<IInvoice> {
  const { customer } = input;
  if (input.currency !== customer.currency) {
    throw new AppError(
      "BAD_REQUEST",
      "CURRENCY_MISMATCH",
      `This customer is billed in ${customer.currency}, not ${input.currency}.`,
    );
  }
  const taxRate = input.taxRate === undefined ? await taxRateFor(em, customer) : input.taxRate;
  const tax = taxRate ? { ratePpm: taxRate.ratePpm, inclusive: taxRate.inclusive } : null;
  const totals = invoiceTotals(
    input.lines.map((line) => ({ amount: line.amount, tax })),
    discountTerms(input.coupon, input.currency),
  );
  const now = clock.now();
  const invoice = em.create(Invoice, {
    merchant: customer.merchant.id,
    customer,
    subscription: input.subscriptionId ?? null,
    status: "draft",
    billingReason: input.billingReason ?? "manual",
    collectionMethod: input.collectionMethod ?? "charge_automatically",
    currency: input.currency,
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
    amountDue: totals.total,
    amountRemaining: totals.total,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    memo: input.memo ?? null,
    createdAt: now,
    updatedAt: now,
  });
  input.lines.forEach((line, index) => {
    const computed = totals.lines[index]!;
    em.create(InvoiceLine, {
      merchant: customer.merchant.id,
      invoice,
      type: line.type,
      description: line.description,
      quantity: line.quantity ?? 1,
      unitAmount: line.unitAmount ?? null,
      unitAmountDecimal: line.unitAmountDecimal ?? null,
      amount: line.amount,
      discountAmount: computed.discountAmount,
      taxAmount: computed.taxAmount,
      taxRate: taxRate ?? null,
      price: line.priceId ?? null,
      subscription: line.subscriptionId ?? null,
      subscriptionItem: line.subscriptionItemId ?? null,
      periodStart: line.periodStart ?? null,
      periodEnd: line.periodEnd ?? null,
      proration: line.proration ?? false,
      createdAt: now,
      updatedAt: now,
    });
  });
  return invoice;
}

/** A coupon as discount terms; an amount-off coupon in another currency does not apply. */
export function discountTerms(coupon: DraftInvoiceInput["coupon"], currency: string): DiscountTerms | null {
  if (!coupon) return null;
  if (coupon.percentOffBps != null) return { percentOffBps: coupon.percentOffBps };
  if (coupon.amountOff != null && coupon.amountOffCurrency === currency) {
    return { amountOff: coupon.amountOff };
  }
  return null;
}
