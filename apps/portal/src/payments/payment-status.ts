import type { RouterOutputs } from "@portico/api";
import type { BadgeTone } from "@portico/ui";

export type HistoryPayment = RouterOutputs["portal"]["payments"]["list"]["data"][number];
export type PaymentStatus = HistoryPayment["status"];

/** How each status reads at a glance; the badge's words always say which it is. */
export const STATUS_TONES: Record<PaymentStatus, BadgeTone> = {
  succeeded: "success",
  processing: "info",
  failed: "danger",
  refunded: "neutral",
  partially_refunded: "warning",
  canceled: "neutral",
};

/** The gateway failure codes the catalog explains (portalPayments.failure_*); others read "did not go through". */
const FAILURES = [
  "card_declined",
  "insufficient_funds",
  "expired_card",
  "lost_card",
  "stolen_card",
  "processing_error",
  "authentication_required",
] as const;

export type FailureKey = `portalPayments.failure_${(typeof FAILURES)[number] | "other"}`;

export function failureKey(code: string | null): FailureKey {
  const known = FAILURES.find((failure) => failure === code);
  return `portalPayments.failure_${known ?? "other"}`;
}
