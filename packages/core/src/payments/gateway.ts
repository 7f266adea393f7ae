import type { PaymentGateway, PaymentMethodType, RefundReason } from "@portico/db";

/**
 * What Portico asks of a payment gateway. Two implementations: the sandbox (test cards,
 * deterministic outcomes) and Stripe (SetupIntents save methods, off-session PaymentIntents
 * charge them, webhooks complete the asynchronous ones). Gateways never see Portico's
 * database and Portico never sees a card number outside the sandbox's test-card form.
 *
 * Every money movement carries an idempotency key (`py_…` / `re_…` of the row reserved
 * for it) so that a retry after a crash or timeout returns the first result instead of
 * moving money twice — Stripe's `Idempotency-Key`, the sandbox's own ledger.
 */
export interface Gateway {
  readonly name: PaymentGateway;
  /** The gateway's customer object for `customer` (Stripe `cus_…`), for gateways that keep one. */
  ensureCustomer?(customer: GatewayCustomer): Promise<string>;
  /**
   * For gateways whose browser library collects the card (Stripe): an intent to save a
   * method for the customer, whose client secret the browser confirms before `attachMethod`.
   */
  createSetupIntent?(customer: GatewayCustomer): Promise<{ id: string; clientSecret: string }>;
  /** Tokenizes and attaches a method; what comes back is all Portico stores. */
  attachMethod(input: { customer: GatewayCustomer; source: MethodSource }): Promise<AttachedMethod>;
  detachMethod(token: string): Promise<void>;
  /** An off-session charge of a saved method. */
  charge(input: ChargeInput): Promise<ChargeResult>;
  /** The current state of a charge `charge` answered `processing` for. */
  retrieveCharge(reference: string): Promise<ChargeResult>;
  refund(input: RefundInput): Promise<RefundResult>;
}

/**
 * How a new method reaches the gateway: the sandbox takes a documented test card typed into
 * a form; Stripe takes a SetupIntent the browser confirmed with Stripe.js (the card number
 * goes to Stripe only).
 */
export type MethodSource =
  | {
      type: "test_card";
      number: string;
      expMonth: number;
      expYear: number;
      cvc: string;
      holderName?: string | null;
    }
  | { type: "setup_intent"; setupIntentId: string };

export interface GatewayCustomer {
  /** `cus_…` (Portico's), for the gateway's metadata. */
  publicId: string;
  name: string;
  email: string | null;
  /** The gateway's id for the customer, once `ensureCustomer` made one. */
  gatewayCustomerId: string | null;
}

/** A tokenized method: the token and what may be shown — never the number. */
export interface AttachedMethod {
  token: string;
  type: PaymentMethodType;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  holderName: string | null;
  /** ISO 3166-1 alpha-2 of the issuer. */
  country: string | null;
  /** Same card → same fingerprint (per merchant), to spot a card saved twice. */
  fingerprint: string | null;
}

/** The saved method a charge goes to; brand and last4 as stored, for gateways that want them. */
export interface ChargeMethod {
  token: string;
  brand: string | null;
  last4: string | null;
}

export interface ChargeInput {
  /** Minor units of `currency`, > 0. */
  amount: number;
  currency: string;
  method: ChargeMethod;
  customer: GatewayCustomer;
  idempotencyKey: string;
  description: string | null;
  metadata: Record<string, string>;
}

export type ChargeStatus = "succeeded" | "processing" | "failed";

export interface ChargeResult {
  status: ChargeStatus;
  /** The gateway's id for the charge (`pi_…`); null only when it refused before creating one. */
  reference: string | null;
  /** Stable machine code (`card_declined`, `insufficient_funds`, …) of a failure. */
  failureCode: string | null;
  failureMessage: string | null;
  /** What the customer must do (3-D Secure) when an off-session charge needs them. */
  nextAction?: Record<string, unknown> | null;
}

export interface RefundInput {
  /** The charge's `reference`. */
  chargeReference: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  reason: RefundReason | null;
}

export interface RefundResult {
  /** `pending` refunds are completed later (Stripe's `charge.refund.updated` webhook). */
  status: "succeeded" | "pending" | "failed";
  reference: string | null;
  failureMessage: string | null;
}
