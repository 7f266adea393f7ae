import type {
  CollectionMethod,
  IInvoice,
  IInvoiceLine,
  InvoiceBillingReason,
  InvoiceLineType,
  InvoiceStatus,
  IPayment,
  PaymentStatus,
  PostalAddress,
} from "@portico/db";
import { isOverdue } from "../invoices/transitions.js";
import { toPaymentDto, type PaymentDto } from "./dto.js";

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

const DAY_MS = 86_400_000;

/** Whole days an open invoice is past its due date, at least 1 once overdue; else 0. */
export function daysOverdue(invoice: Pick<IInvoice, "status" | "dueAt">, now: Date): number {
  if (!isOverdue(invoice, now)) return 0;
  return Math.max(1, Math.floor((now.getTime() - invoice.dueAt!.getTime()) / DAY_MS));
}

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
  /** Whole days past the due date while overdue (at least 1), else 0. */
  daysOverdue: number;
  /** The latest charge attempt's status ("processing", "failed"…), null before any. */
  latestPaymentStatus: PaymentStatus | null;
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

/** Who the invoice is made out to, as it was when it was issued. */
export interface InvoiceBilledToDto {
  name: string;
  email: string | null;
  address: PostalAddress | null;
  taxId: string | null;
}

/** Tax of the invoice at one rate, summed over its lines. */
export interface InvoiceTaxDto {
  name: string;
  /** Parts per million: 200 000 is 20 %. */
  ratePpm: number;
  /** Included in the line amounts rather than added to them. */
  inclusive: boolean;
  amount: number;
}

/** One invoice with its lines and every payment attempt, oldest first. */
export interface InvoiceDto extends InvoiceSummaryDto {
  billedTo: InvoiceBilledToDto;
  /** The coupon's name when an invoice-level discount applies. */
  discountName: string | null;
  /** Tax per rate, in the order the lines first use each rate. */
  taxes: InvoiceTaxDto[];
  lines: InvoiceLineDto[];
  payments: PaymentDto[];
}

/** Needs INVOICE_SUMMARY_POPULATE loaded. */
export function toInvoiceSummaryDto(invoice: IInvoice, now: Date): InvoiceSummaryDto {
  return {
    id: invoice.publicId,
    number: invoice.number ?? null,
    customer: invoice.customer.getEntity().publicId,
    subscription: invoice.subscription?.getEntity().publicId ?? null,
    status: invoice.status,
    overdue: isOverdue(invoice, now),
    daysOverdue: daysOverdue(invoice, now),
    latestPaymentStatus: invoice.latestPayment?.getEntity().status ?? null,
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

function taxesOf(lines: readonly IInvoiceLine[]): InvoiceTaxDto[] {
  const byRate = new Map<number, InvoiceTaxDto>();
  for (const line of lines) {
    const rate = line.taxRate?.getEntity();
    if (!rate || line.taxAmount === 0) continue;
    const entry = byRate.get(rate.id) ?? {
      name: rate.displayName,
      ratePpm: rate.ratePpm,
      inclusive: rate.inclusive,
      amount: 0,
    };
    entry.amount += line.taxAmount;
    byRate.set(rate.id, entry);
  }
  return [...byRate.values()];
}

/** Needs INVOICE_POPULATE loaded, and the invoice's payments with PAYMENT_POPULATE. */
export function toInvoiceDto(invoice: IInvoice, payments: readonly IPayment[], now: Date): InvoiceDto {
  const lines = [...invoice.lines.getItems()].sort((a, b) => a.id - b.id);
  return {
    ...toInvoiceSummaryDto(invoice, now),
    billedTo: {
      name: invoice.customerName ?? invoice.customer.getEntity().name,
      email: invoice.customerEmail ?? null,
      address: invoice.customerAddress ?? null,
      taxId: invoice.customerTaxId ?? null,
    },
    discountName: invoice.discount?.getEntity().coupon.getEntity().name ?? null,
    taxes: taxesOf(lines),
    lines: lines.map(toInvoiceLineDto),
    payments: payments.map(toPaymentDto),
  };
}

export const INVOICE_SUMMARY_POPULATE = ["customer", "subscription", "latestPayment"] as const;
export const INVOICE_POPULATE = [...INVOICE_SUMMARY_POPULATE, "lines.taxRate", "discount.coupon"] as const;

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
