import {
  CreditNote,
  Customer,
  InvoiceLine,
  Merchant,
  Payment,
  type EntityManager,
  type IInvoice,
  type InvoiceStatus,
} from "@portico/db";
import { createHash } from "node:crypto";
import { isOverdue } from "../invoices/transitions.js";
import { addressLines, loadDocumentBranding, type DocumentBranding } from "./branding.js";
import { documentLocale, type DocumentLocale } from "./format.js";

/**
 * Everything an invoice PDF shows, read from the database in one place. The renderer
 * (invoice-pdf.ts) is a pure function of it, and its fingerprint decides whether a cached
 * PDF is still the invoice as it is now.
 */
export interface InvoiceDocument {
  branding: DocumentBranding;
  locale: DocumentLocale;
  number: string;
  status: InvoiceStatus;
  /** Open and past its due date at render time. */
  overdue: boolean;
  currency: string;
  issuedAt: Date;
  dueAt: Date | null;
  paidAt: Date | null;
  voidedAt: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  billTo: { name: string; email: string | null; addressLines: string[]; taxId: string | null };
  lines: InvoiceDocumentLine[];
  subtotal: number;
  discountTotal: number;
  taxes: { name: string; ratePpm: number; inclusive: boolean; amount: number }[];
  total: number;
  /** Customer balance used (credit, positive) or carried debt added (negative). */
  balanceApplied: number;
  walletCreditApplied: number;
  amountDue: number;
  amountPaid: number;
  amountCredited: number;
  amountRemaining: number;
  payments: {
    reference: string;
    at: Date;
    amount: number;
    amountRefunded: number;
    brand: string | null;
    last4: string | null;
  }[];
  creditNotes: { number: string; at: Date; amount: number }[];
  memo: string | null;
  footer: string | null;
}

export interface InvoiceDocumentLine {
  description: string;
  quantity: number;
  unitAmount: number | null;
  unitAmountDecimal: string | null;
  amount: number;
  proration: boolean;
  periodStart: Date | null;
  periodEnd: Date | null;
}

/** Bump when the layout changes: every cached invoice PDF is then drawn again. */
export const INVOICE_PDF_LAYOUT_VERSION = 1;

/** Reads what the PDF of a finalized invoice shows, as of `now`. */
export async function loadInvoiceDocument(
  em: EntityManager,
  invoice: IInvoice,
  now: Date,
): Promise<InvoiceDocument> {
  const merchant = await em.findOneOrFail(Merchant, invoice.merchant.id);
  const customer = await em.findOneOrFail(Customer, invoice.customer.id);
  const lines = await em.find(
    InvoiceLine,
    { invoice: invoice.id },
    { orderBy: { id: "asc" }, populate: ["taxRate"] },
  );
  const payments = await em.find(
    Payment,
    { invoice: invoice.id, succeededAt: { $ne: null } },
    { orderBy: { succeededAt: "asc", id: "asc" }, populate: ["paymentMethod"] },
  );
  const creditNotes = await em.find(
    CreditNote,
    { invoice: invoice.id, status: "issued" },
    { orderBy: { issuedAt: "asc", id: "asc" } },
  );
  const taxes = new Map<number, InvoiceDocument["taxes"][number]>();
  for (const line of lines) {
    const rate = line.taxRate?.getEntity();
    if (!rate || line.taxAmount === 0) continue;
    const entry = taxes.get(rate.id) ?? {
      name: rate.displayName,
      ratePpm: rate.ratePpm,
      inclusive: rate.inclusive,
      amount: 0,
    };
    entry.amount += line.taxAmount;
    taxes.set(rate.id, entry);
  }
  return {
    branding: await loadDocumentBranding(em, merchant),
    locale: documentLocale(customer.locale, merchant.defaultLocale),
    number: invoice.number ?? invoice.publicId,
    status: invoice.status,
    overdue: isOverdue(invoice, now),
    currency: invoice.currency,
    issuedAt: invoice.issuedAt ?? invoice.createdAt,
    dueAt: invoice.dueAt ?? null,
    paidAt: invoice.paidAt ?? null,
    voidedAt: invoice.voidedAt ?? null,
    periodStart: invoice.periodStart ?? null,
    periodEnd: invoice.periodEnd ?? null,
    billTo: {
      name: invoice.customerName ?? customer.name,
      email: invoice.customerEmail ?? null,
      addressLines: addressLines(invoice.customerAddress),
      taxId: invoice.customerTaxId ?? null,
    },
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount ?? null,
      unitAmountDecimal: line.unitAmountDecimal ?? null,
      amount: line.amount,
      proration: line.proration,
      periodStart: line.periodStart ?? null,
      periodEnd: line.periodEnd ?? null,
    })),
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxes: [...taxes.values()],
    total: invoice.total,
    balanceApplied: invoice.startingBalance - (invoice.endingBalance ?? invoice.startingBalance),
    walletCreditApplied: invoice.walletCreditApplied,
    amountDue: invoice.amountDue,
    amountPaid: invoice.amountPaid,
    amountCredited: invoice.amountCredited,
    amountRemaining: invoice.amountRemaining,
    payments: payments.map((payment) => {
      const method = payment.paymentMethod?.getEntity();
      return {
        reference: payment.receiptNumber ?? payment.publicId,
        at: payment.succeededAt!,
        amount: payment.amount,
        amountRefunded: payment.amountRefunded,
        brand: method?.brand ?? null,
        last4: method?.last4 ?? null,
      };
    }),
    creditNotes: creditNotes.map((note) => ({ number: note.number, at: note.issuedAt, amount: note.amount })),
    memo: invoice.memo ?? null,
    footer: invoice.footer ?? null,
  };
}

/**
 * Hex SHA-256 of what the PDF would show (the logo by its hash) and of the layout version:
 * equal fingerprints render the same PDF, so a cached file with it is current.
 */
export function invoiceDocumentFingerprint(document: InvoiceDocument): string {
  const { branding, ...rest } = document;
  const canonical = JSON.stringify({
    layout: INVOICE_PDF_LAYOUT_VERSION,
    branding: { ...branding, logo: branding.logo?.sha256 ?? null },
    ...rest,
  });
  return createHash("sha256").update(canonical).digest("hex");
}
