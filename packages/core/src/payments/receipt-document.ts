import {
  Customer,
  Merchant,
  PaymentMethod,
  Refund,
  type EntityManager,
  type IPayment,
  type PaymentPurpose,
  type RefundStatus,
} from "@portico/db";
import { createHash } from "node:crypto";
import { addressLines, loadDocumentBranding, type DocumentBranding } from "../documents/branding.js";
import { documentLocale, type DocumentLocale } from "../documents/format.js";
import type { AddressBlock } from "../documents/pdf-layout.js";

/**
 * Everything a payment receipt shows, read in one place: the renderer (receipt-pdf.ts) is a
 * pure function of it, and its fingerprint tells whether a cached receipt is current (a
 * refund or a branding change draws it again).
 */
export interface ReceiptDocument {
  branding: DocumentBranding;
  locale: DocumentLocale;
  /** `ACME-RCPT-0007` */
  number: string;
  purpose: PaymentPurpose;
  /** The number of the invoice paid, for invoice payments. */
  invoiceNumber: string | null;
  currency: string;
  amount: number;
  paidAt: Date;
  method: { brand: string | null; last4: string | null } | null;
  receivedFrom: AddressBlock;
  /** Refunds that succeeded or are on their way, oldest first. */
  refunds: { reference: string; at: Date; amount: number; status: RefundStatus }[];
  amountRefunded: number;
}

/** Bump when the layout changes: every cached receipt is then drawn again. */
export const RECEIPT_PDF_LAYOUT_VERSION = 1;

/** Reads what the receipt of a succeeded, numbered payment shows. */
export async function loadReceiptDocument(em: EntityManager, payment: IPayment): Promise<ReceiptDocument> {
  if (!payment.receiptNumber || !payment.succeededAt)
    throw new Error("only a numbered, succeeded payment has a receipt");
  const merchant = await em.findOneOrFail(Merchant, payment.merchant.id);
  const customer = await em.findOneOrFail(Customer, payment.customer.id);
  const method = payment.paymentMethod ? await em.findOne(PaymentMethod, payment.paymentMethod.id) : null;
  const refunds = await em.find(
    Refund,
    { payment: payment.id, status: { $in: ["succeeded", "pending"] } },
    { orderBy: { createdAt: "asc", id: "asc" } },
  );
  return {
    branding: await loadDocumentBranding(em, merchant),
    locale: documentLocale(customer.locale, merchant.defaultLocale),
    number: payment.receiptNumber,
    purpose: payment.purpose,
    invoiceNumber: payment.invoice?.getEntity().number ?? null,
    currency: payment.currency,
    amount: payment.amount,
    paidAt: payment.succeededAt,
    method: method ? { brand: method.brand ?? null, last4: method.last4 ?? null } : null,
    receivedFrom: {
      name: customer.name,
      email: customer.email ?? null,
      addressLines: addressLines(customer.address),
      taxId: customer.taxId ?? null,
    },
    refunds: refunds.map((refund) => ({
      reference: refund.publicId,
      at: refund.succeededAt ?? refund.createdAt,
      amount: refund.amount,
      status: refund.status,
    })),
    amountRefunded: payment.amountRefunded,
  };
}

/** Hex SHA-256 of what the receipt would show (the logo by its hash) and of the layout version. */
export function receiptDocumentFingerprint(document: ReceiptDocument): string {
  const { branding, ...rest } = document;
  const canonical = JSON.stringify({
    layout: RECEIPT_PDF_LAYOUT_VERSION,
    branding: { ...branding, logo: branding.logo?.sha256 ?? null },
    ...rest,
  });
  return createHash("sha256").update(canonical).digest("hex");
}
