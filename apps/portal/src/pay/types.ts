import type { RouterOutputs } from "@portico/api";

/** The invoice being paid, with its payment attempts (portal.invoices.get). */
export type PayableInvoice = RouterOutputs["portal"]["invoices"]["get"];
/** One charge of it, as a receipt shows it. */
export type InvoicePayment = PayableInvoice["payments"][number];
/** A saved method the customer may pay with (portal.paymentMethods.list). */
export type SavedMethod = RouterOutputs["portal"]["paymentMethods"]["list"][number];

/** Where an attempt to pay ended up. */
export type PayOutcome =
  /** Charged; `payment` is null when account credits covered the amount. */
  | { kind: "succeeded"; payment: InvoicePayment | null }
  /** The bank has not answered yet; `payment` (`py_…`) when the server named it. */
  | { kind: "processing"; payment: string | null }
  | { kind: "failed"; payment: InvoicePayment }
  /** The invoice was paid already (CONFLICT PAYMENT_ALREADY_PROCESSED); `payment` is its receipt. */
  | { kind: "already"; payment: string | null }
  /** Refused before any charge, or no answer: nothing to show but the message. */
  | { kind: "error"; text: string };
