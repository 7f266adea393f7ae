import type {
  CollectionMethod,
  IInvoice,
  IInvoiceLine,
  InvoiceBillingReason,
  InvoiceLineType,
  InvoiceStatus,
  IPayment,
} from "@portico/db";
import { isOverdue } from "../invoices/transitions.js";
import { toPaymentDto, type PaymentDto } from "./dto.js";

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export interface InvoiceLineDto {
  id: string;
  type: InvoiceLineType;
  description: string;
  quantity: number;
  unitAmount: number | null;
  /** Signed minor units (a proration credit is negative). */
  amount: number;
  discountAmount: number;
  taxAmount: number;
  proration: boolean;
  periodStart: string | null;
  periodEnd: string | null;
}

/** An invoice in lists: amounts and state, no lines. */
export interface InvoiceSummaryDto {
  id: string;
  number: string | null;
  /** `cus_…` */
  customer: string;
  /** `sub_…` of a subscription invoice. */
  subscription: string | null;
  status: InvoiceStatus;
  /** Open and past its due date (derived, never stored). */
  overdue: boolean;
  billingReason: InvoiceBillingReason;
  collectionMethod: CollectionMethod;
  currency: string;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  /** Customer balance applied: before − after (positive = credit used). */
  balanceApplied: number;
  walletCreditApplied: number;
  amountDue: number;
  amountPaid: number;
  amountCredited: number;
  amountRemaining: number;
  attemptCount: number;
  periodStart: string | null;
  periodEnd: string | null;
  issuedAt: string | null;
  dueAt: string | null;
  paidAt: string | null;
  voidedAt: string | null;
  createdAt: string;
}

/** One invoice with its lines and every payment attempt, oldest first. */
export interface InvoiceDto extends InvoiceSummaryDto {
  lines: InvoiceLineDto[];
  payments: PaymentDto[];
}

/** Needs `customer` and `subscription` loaded (INVOICE_SUMMARY_POPULATE). */
export function toInvoiceSummaryDto(invoice: IInvoice, now: Date): InvoiceSummaryDto {
  return {
    id: invoice.publicId,
    number: invoice.number ?? null,
    customer: invoice.customer.getEntity().publicId,
    subscription: invoice.subscription?.getEntity().publicId ?? null,
    status: invoice.status,
    overdue: isOverdue(invoice, now),
    billingReason: invoice.billingReason,
    collectionMethod: invoice.collectionMethod,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    balanceApplied: invoice.startingBalance - (invoice.endingBalance ?? invoice.startingBalance),
    walletCreditApplied: invoice.walletCreditApplied,
    amountDue: invoice.amountDue,
    amountPaid: invoice.amountPaid,
    amountCredited: invoice.amountCredited,
    amountRemaining: invoice.amountRemaining,
    attemptCount: invoice.attemptCount,
    periodStart: iso(invoice.periodStart),
    periodEnd: iso(invoice.periodEnd),
    issuedAt: iso(invoice.issuedAt),
    dueAt: iso(invoice.dueAt),
    paidAt: iso(invoice.paidAt),
    voidedAt: iso(invoice.voidedAt),
    createdAt: invoice.createdAt.toISOString(),
  };
}

function toInvoiceLineDto(line: IInvoiceLine): InvoiceLineDto {
  return {
    id: line.publicId,
    type: line.type,
    description: line.description,
    quantity: line.quantity,
    unitAmount: line.unitAmount ?? null,
    amount: line.amount,
    discountAmount: line.discountAmount,
    taxAmount: line.taxAmount,
    proration: line.proration,
    periodStart: iso(line.periodStart),
    periodEnd: iso(line.periodEnd),
  };
}

/** Needs INVOICE_POPULATE loaded, and the invoice's payments with PAYMENT_POPULATE. */
export function toInvoiceDto(invoice: IInvoice, payments: readonly IPayment[], now: Date): InvoiceDto {
  const lines = [...invoice.lines.getItems()].sort((a, b) => a.id - b.id);
  return {
    ...toInvoiceSummaryDto(invoice, now),
    lines: lines.map(toInvoiceLineDto),
    payments: payments.map(toPaymentDto),
  };
}

export const INVOICE_SUMMARY_POPULATE = ["customer", "subscription"] as const;
export const INVOICE_POPULATE = ["customer", "subscription", "lines"] as const;

/** What paying an invoice did: the invoice as it is now and the charge made, if any. */
export interface InvoicePaymentDto {
  invoice: InvoiceDto;
  payment: PaymentDto | null;
}

export function toInvoicePaymentDto(
  result: { invoice: IInvoice; payment: IPayment | null; payments: readonly IPayment[] },
  now: Date,
): InvoicePaymentDto {
  return {
    invoice: toInvoiceDto(result.invoice, result.payments, now),
    payment: result.payment ? toPaymentDto(result.payment) : null,
  };
}
