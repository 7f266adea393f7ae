import { errorDetails, errorReason } from "@portico/ui";
import type { Translate } from "@portico/ui/spa";
import type { PayOutcome } from "./types.js";

/** Conflicts that mean "the same payment is still on its way", not "no". */
const STILL_RUNNING = new Set(["PAYMENT_IN_PROGRESS", "IDEMPOTENCY_IN_PROGRESS", "GATEWAY_UNAVAILABLE"]);

function httpStatus(error: unknown): number | null {
  const data: unknown = (error as { data?: unknown } | null)?.data;
  const status: unknown = (data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status === "number" ? status : null;
}

/** The request never got an answer (offline, connection dropped): resending it is safe and useful. */
export const isNetworkError = (error: unknown) => httpStatus(error) === null;

/**
 * Whether the server definitely said no to this attempt (a 4xx answer). Without an answer,
 * or with a 5xx one, the charge may have happened: the next try must reuse the attempt's
 * idempotency key.
 */
export function isDefinitive(error: unknown): boolean {
  const status = httpStatus(error);
  return status !== null && status >= 400 && status < 500 && !STILL_RUNNING.has(errorReason(error) ?? "");
}

const ERROR_TEXT = {
  PARTIAL_PAYMENT_NOT_ALLOWED: "portalPay.errorPartialNotAllowed",
  AMOUNT_EXCEEDS_REMAINING: "portalPay.errorExceedsRemaining",
  PAYMENT_METHOD_EXPIRED: "portalPay.errorMethodExpired",
  PAYMENT_METHOD_NOT_FOUND: "portalPay.errorMethodMissing",
  NO_PAYMENT_METHOD: "portalPay.chooseMethod",
  INVOICE_NOT_PAYABLE: "portalPay.errorNotPayable",
} as const;

/** What a failed `portal.invoices.pay` call means for the screen. */
export function outcomeOfError(t: Translate, error: unknown, minimum: string): PayOutcome {
  const reason = errorReason(error) ?? "";
  const payment = errorDetails(error).payment;
  const named = typeof payment === "string" ? payment : null;
  if (reason === "PAYMENT_ALREADY_PROCESSED") return { kind: "already", payment: named };
  if (STILL_RUNNING.has(reason)) return { kind: "processing", payment: named };
  if (reason === "PARTIAL_PAYMENT_BELOW_MINIMUM") {
    return { kind: "error", text: t("portalPay.amountTooLow", { min: minimum }) };
  }
  if (reason in ERROR_TEXT) return { kind: "error", text: t(ERROR_TEXT[reason as keyof typeof ERROR_TEXT]) };
  return {
    kind: "error",
    text: isDefinitive(error) ? t("portalPay.errorGeneric") : t("portalPay.errorUnconfirmed"),
  };
}

const DECLINE_TEXT: Record<
  string,
  | "portalPay.reasonCardDeclined"
  | "portalPay.reasonInsufficientFunds"
  | "portalPay.reasonExpiredCard"
  | "portalPay.reasonProcessingError"
> = {
  card_declined: "portalPay.reasonCardDeclined",
  generic_decline: "portalPay.reasonCardDeclined",
  lost_card: "portalPay.reasonCardDeclined",
  stolen_card: "portalPay.reasonCardDeclined",
  do_not_honor: "portalPay.reasonCardDeclined",
  insufficient_funds: "portalPay.reasonInsufficientFunds",
  expired_card: "portalPay.reasonExpiredCard",
  processing_error: "portalPay.reasonProcessingError",
};

/**
 * Why the bank declined, in the viewer's language for the codes we know; otherwise the
 * gateway's own message (English), and a neutral sentence when there is none.
 */
export function declineReason(t: Translate, code: string | null, message: string | null): string {
  const known = code ? DECLINE_TEXT[code] : undefined;
  if (known) return t(known);
  return message ?? t("portalPay.reasonUnknown");
}
