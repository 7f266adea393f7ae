import type { RouterOutputs } from "@portico/api";
import { localeTag } from "@portico/ui";
import { date } from "../format.js";

type Invoice = RouterOutputs["portal"]["invoices"]["get"];
type Payment = Invoice["payments"][number];

/** What the customer still owes: nothing on a void invoice, whatever was left when voided. */
export function amountOwed(invoice: Pick<Invoice, "status" | "amountRemaining">): number {
  return invoice.status === "void" ? 0 : invoice.amountRemaining;
}

/**
 * A billing period as calendar days. Periods end at the first instant of the next one,
 * so the last day shown is the day before (as the PDF prints it).
 */
export function periodDays(start: string, end: string): { start: string; end: string } {
  const last = Math.max(Date.parse(start), Date.parse(end) - 1);
  return { start: date(start), end: date(new Date(last).toISOString()) };
}

/** A tax rate in parts per million as a percentage in the viewer's locale ("20 %", "8.875%"). */
export function ratePercent(ratePpm: number): string {
  return new Intl.NumberFormat(localeTag(), { style: "percent", maximumFractionDigits: 4 }).format(
    ratePpm / 1_000_000,
  );
}

/** "US" as "United States" in the viewer's language; a code Intl does not know stays as it is. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([localeTag()], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function quantityText(quantity: number): string {
  return new Intl.NumberFormat(localeTag()).format(quantity);
}

// Card networks go by their own names in every language.
const BRANDS: Record<string, string> = {
  amex: "American Express",
  diners: "Diners Club",
  discover: "Discover",
  jcb: "JCB",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
  visa: "Visa",
};

export const brandName = (brand: string): string => BRANDS[brand] ?? brand;

export const PAYMENT_STATUS_KEYS = {
  succeeded: "portalInvoices.paymentSucceeded",
  processing: "portalInvoices.paymentProcessing",
  failed: "portalInvoices.paymentFailed",
  refunded: "portalInvoices.paymentRefunded",
  partially_refunded: "portalInvoices.paymentPartiallyRefunded",
  canceled: "portalInvoices.paymentCanceled",
} as const satisfies Record<Payment["status"], string>;

/** The gateway's decline codes customers can act on; any other reads as a generic failure. */
export function failureKey(code: string | null) {
  switch (code) {
    case "card_declined":
    case "lost_card":
    case "stolen_card":
      return "portalInvoices.failureCardDeclined";
    case "insufficient_funds":
      return "portalInvoices.failureInsufficientFunds";
    case "expired_card":
      return "portalInvoices.failureExpiredCard";
    case "processing_error":
      return "portalInvoices.failureProcessingError";
    default:
      return "portalInvoices.failureOther";
  }
}
