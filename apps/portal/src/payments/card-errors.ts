import { errorReason } from "@portico/ui";
import type { CardField } from "./card-input.js";

/** The catalog keys (portalPayments.*) a refused card can be explained with. */
export type CardErrorKey =
  | "numberInvalid"
  | "testCardRequired"
  | "expiryInvalid"
  | "cardExpired"
  | "cvcInvalid"
  | "alreadySaved"
  | "cardNotConfirmed"
  | "gatewayUnavailable"
  | "changesDisabled"
  | "addFailed";

/** The server's reasons that belong to one field of the test-card form. */
const FIELD_REASONS: Record<string, { field: CardField; key: CardErrorKey }> = {
  INVALID_CARD_NUMBER: { field: "number", key: "numberInvalid" },
  TEST_CARD_REQUIRED: { field: "number", key: "testCardRequired" },
  INVALID_CARD_EXPIRY: { field: "expiry", key: "expiryInvalid" },
  CARD_EXPIRED: { field: "expiry", key: "cardExpired" },
  INVALID_CARD_CVC: { field: "cvc", key: "cvcInvalid" },
};

const FORM_REASONS: Record<string, CardErrorKey> = {
  PAYMENT_METHOD_ALREADY_SAVED: "alreadySaved",
  SETUP_INTENT_NOT_SUCCEEDED: "cardNotConfirmed",
  SETUP_INTENT_NOT_FOUND: "cardNotConfirmed",
  SETUP_INTENT_CUSTOMER_MISMATCH: "cardNotConfirmed",
  PAYMENT_METHOD_TYPE_UNSUPPORTED: "cardNotConfirmed",
  GATEWAY_NOT_CONFIGURED: "gatewayUnavailable",
  METHOD_SOURCE_UNSUPPORTED: "gatewayUnavailable",
  TEST_CARDS_SANDBOX_ONLY: "gatewayUnavailable",
  FEATURE_DISABLED: "changesDisabled",
};

/** Where an error of `portal.paymentMethods.add` (or `setup`) is shown, and in which words. */
export function cardErrorOf(error: unknown): { field: CardField | null; key: CardErrorKey } {
  const reason = errorReason(error) ?? "";
  const field = FIELD_REASONS[reason];
  if (field) return field;
  return { field: null, key: FORM_REASONS[reason] ?? "addFailed" };
}
