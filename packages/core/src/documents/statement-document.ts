import type { DocumentBranding } from "./branding.js";
import type { DocumentFormat, DocumentLocale } from "./format.js";
import type { DocumentMessageKey } from "./messages.js";
import type { StatementEntry, StatementEntryKind, StatementLedger } from "./statement-ledger.js";

/** What a statement file shows, whatever its format. */
export interface StatementDocument {
  branding: DocumentBranding;
  locale: DocumentLocale;
  currency: string;
  customer: { name: string; email: string | null; addressLines: string[]; taxId: string | null };
  periodStart: Date;
  periodEnd: Date;
  generatedAt: Date;
  ledger: StatementLedger;
}

const KIND_LABELS: Record<StatementEntryKind, DocumentMessageKey> = {
  invoice: "entryInvoice",
  invoice_void: "entryInvoiceVoided",
  payment: "entryPayment",
  refund: "entryRefund",
  credit_note: "entryCreditNote",
  credit_note_void: "entryCreditNoteVoided",
  wallet_credit: "entryWalletCredit",
};

export function entryType(entry: StatementEntry, fmt: DocumentFormat): string {
  return fmt.t(KIND_LABELS[entry.kind]);
}

/** "Invoice INV-0007" for what pays or credits an invoice; nothing for the invoice itself. */
export function entryDescription(entry: StatementEntry, fmt: DocumentFormat): string {
  if (entry.kind === "invoice" || entry.kind === "invoice_void" || !entry.invoiceNumber) return "";
  return fmt.t("forInvoice", { number: entry.invoiceNumber });
}

/** The period's last instant, for "1 Jan 2026 – 31 Jan 2026" (the end itself is excluded). */
export function lastInstant(document: StatementDocument): Date {
  return new Date(Math.max(document.periodStart.getTime(), document.periodEnd.getTime() - 1));
}

/** The summary figures in the order every format prints them. */
export function summaryLines(document: StatementDocument): { key: DocumentMessageKey; amount: number }[] {
  const { ledger } = document;
  return [
    { key: "openingBalance", amount: ledger.openingBalance },
    { key: "invoiced", amount: ledger.summary.invoiced },
    { key: "paid", amount: -ledger.summary.paid },
    { key: "credited", amount: -ledger.summary.credited },
    { key: "refunded", amount: ledger.summary.refunded },
    { key: "closingBalance", amount: ledger.closingBalance },
  ];
}
