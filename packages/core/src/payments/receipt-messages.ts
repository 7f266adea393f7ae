import { fillMessage, type DocumentLanguage } from "../documents/messages.js";

/**
 * The words only a payment receipt prints; the rest (amount, date, page…) are the invoice
 * PDF's (documents/messages.ts). Same keys and placeholders in every language.
 */
const en = {
  receiptTitle: "Receipt",
  receiptNumber: "Receipt number",
  datePaid: "Date paid",
  paymentMethod: "Payment method",
  invoice: "Invoice",
  receivedFrom: "Received from",
  invoicePayment: "Payment of invoice {number}",
  walletTopUp: "Prepaid credit top-up",
  refundsHeading: "Refunds",
  refundLine: "Refund {reference}",
  refundPending: "Refund {reference} (pending)",
  totalRefunded: "Total refunded",
  netPaid: "Net amount paid",
  stampRefunded: "REFUNDED",
  thanks: "Thank you for your payment.",
} as const;

export type ReceiptMessageKey = keyof typeof en;

const fr: Record<ReceiptMessageKey, string> = {
  receiptTitle: "Reçu",
  receiptNumber: "Numéro de reçu",
  datePaid: "Date du paiement",
  paymentMethod: "Moyen de paiement",
  invoice: "Facture",
  receivedFrom: "Reçu de",
  invoicePayment: "Paiement de la facture {number}",
  walletTopUp: "Recharge de crédit prépayé",
  refundsHeading: "Remboursements",
  refundLine: "Remboursement {reference}",
  refundPending: "Remboursement {reference} (en cours)",
  totalRefunded: "Total remboursé",
  netPaid: "Montant net payé",
  stampRefunded: "REMBOURSÉ",
  thanks: "Merci pour votre paiement.",
};

export const RECEIPT_MESSAGES: Record<DocumentLanguage, Record<ReceiptMessageKey, string>> = { en, fr };

/** A receipt word in `language`, its `{placeholders}` filled. */
export function receiptText(
  language: DocumentLanguage,
  key: ReceiptMessageKey,
  values?: Record<string, string | number>,
): string {
  return fillMessage(RECEIPT_MESSAGES[language][key], values);
}
