import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Badge, type BadgeTone } from "@portico/ui";

type Invoice = RouterOutputs["portal"]["invoices"]["get"];

/** What the badge reads from an invoice DTO (list row, detail, or the dashboard's summary). */
export interface InvoiceStatusFields {
  status: Invoice["status"];
  overdue: boolean;
  /** The latest charge attempt's status; absent from DTOs that do not carry it. */
  latestPaymentStatus?: Invoice["latestPaymentStatus"];
}

export type InvoiceDisplayStatus =
  "draft" | "open" | "paid" | "overdue" | "void" | "uncollectible" | "processing" | "failed";

/**
 * The one state a customer should see first. On an open invoice a charge in flight wins
 * (paying again would double-charge), then overdue, then a declined last attempt.
 */
export function invoiceDisplayStatus(invoice: InvoiceStatusFields): InvoiceDisplayStatus {
  if (invoice.status !== "open") return invoice.status;
  if (invoice.latestPaymentStatus === "processing") return "processing";
  if (invoice.overdue) return "overdue";
  if (invoice.latestPaymentStatus === "failed") return "failed";
  return "open";
}

const TONES: Record<InvoiceDisplayStatus, BadgeTone> = {
  draft: "neutral",
  open: "info",
  paid: "success",
  overdue: "danger",
  void: "neutral",
  uncollectible: "warning",
  processing: "info",
  failed: "danger",
};

const LABELS = {
  draft: "portalInvoices.statusDraft",
  open: "portalInvoices.statusOpen",
  paid: "portalInvoices.statusPaid",
  overdue: "portalInvoices.statusOverdue",
  void: "portalInvoices.statusVoid",
  uncollectible: "portalInvoices.statusUncollectible",
  processing: "portalInvoices.statusProcessing",
  failed: "portalInvoices.statusFailed",
} as const satisfies Record<InvoiceDisplayStatus, string>;

/** An invoice's state as a badge: open, paid, overdue, void, uncollectible, processing or failed. */
export function InvoiceStatusBadge({ invoice }: { invoice: InvoiceStatusFields }) {
  const { t } = useTranslation();
  const status = invoiceDisplayStatus(invoice);
  return <Badge tone={TONES[status]}>{t(LABELS[status])}</Badge>;
}
