import { LockMode } from "@mikro-orm/core";
import { GatewayEvent, Merchant, Payment, Refund, type EntityManager } from "@portico/db";
import Stripe from "stripe";
import type { Actor } from "../actor.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { recordChargeOutcome } from "./charge.js";
import { recordRefundOutcome } from "./refunds.js";
import { stripeWebhookSecretOf, type SecretSealer } from "./stripe-credentials.js";
import { stripeChargeResultOf, stripeRefundResultOf } from "./stripe-gateway.js";

/** Seconds a signed delivery stays acceptable (Stripe's own default): older ones are replays. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * What became of a delivery: `processed` (it changed or confirmed a payment or refund),
 * `ignored` (a type Portico does not act on, or about an object that is not Portico's),
 * `duplicate` (this event id was processed before: nothing done).
 */
export type StripeEventOutcome = "processed" | "ignored" | "duplicate";

/** Card and billing details never go into the stored copy of an event. */
const REDACTED_KEYS = new Set(["card", "payment_method_details", "billing_details", "client_secret"]);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => (REDACTED_KEYS.has(key) ? [] : [[key, redact(inner)]])),
  );
}

/**
 * Processes one verified Stripe event for `merchantId`, once per event id: the event is
 * stored (GatewayEvent, unique by gateway and id) before anything else, then processed
 * under that row's lock, so a redelivery — even a concurrent one — is `duplicate` and
 * changes nothing. PaymentIntent outcomes settle the merchant's payment (and with it the
 * invoice and subscription); refund outcomes complete pending refunds. A failure leaves the
 * event unprocessed with its error, for Stripe's retry.
 */
export async function handleStripeEvent(
  em: EntityManager,
  clock: Clock,
  merchantId: number,
  event: Stripe.Event,
): Promise<StripeEventOutcome> {
  const now = clock.now();
  await em.execute(
    `insert into "gateway_event" ("merchant_id", "gateway", "event_id", "type", "payload", "received_at")
     values (?, 'stripe', ?, ?, ?::jsonb, ?)
     on conflict ("gateway", "event_id") do nothing`,
    [merchantId, event.id, event.type.slice(0, 100), JSON.stringify(redact(event)), now],
  );
  try {
    return await em.transactional(async (tx) => {
      const stored = await tx.findOneOrFail(
        GatewayEvent,
        { gateway: "stripe", eventId: event.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      // An id first seen at another merchant is not this merchant's to act on.
      if (stored.merchant?.id !== merchantId) return "ignored";
      if (stored.processedAt) return "duplicate";
      const outcome = await apply(tx, clock, merchantId, event);
      stored.attempts += 1;
      stored.processedAt = clock.now();
      stored.lastError = null;
      await tx.flush();
      return outcome;
    });
  } catch (error) {
    await em.execute(
      `update "gateway_event" set "attempts" = "attempts" + 1, "last_error" = ? where "gateway" = 'stripe' and "event_id" = ?`,
      [(error instanceof Error ? error.message : String(error)).slice(0, 1000), event.id],
    );
    throw error;
  }
}

async function apply(
  em: EntityManager,
  clock: Clock,
  merchantId: number,
  event: Stripe.Event,
): Promise<StripeEventOutcome> {
  // Audit events name the Stripe event that caused the change.
  const actor: Actor = { type: "system", id: event.id };
  switch (event.type) {
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
    case "payment_intent.canceled":
      return settleIntent(em, clock, merchantId, event.data.object, actor);
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
    case "charge.refund.updated":
      return settleRefund(em, clock, merchantId, event.data.object, actor);
    case "charge.refunded": {
      // Newer API versions leave `refunds` out of the charge; refund.updated carries them then.
      const outcomes = [];
      for (const refund of event.data.object.refunds?.data ?? []) {
        outcomes.push(await settleRefund(em, clock, merchantId, refund, actor));
      }
      return outcomes.includes("processed") ? "processed" : "ignored";
    }
    default:
      return "ignored";
  }
}

/**
 * The merchant's payment a PaymentIntent is for: by its reference, or by the `py_…` Portico
 * put in its metadata when the webhook beats the charge call's own answer.
 */
async function settleIntent(
  em: EntityManager,
  clock: Clock,
  merchantId: number,
  intent: Stripe.PaymentIntent,
  actor: Actor,
): Promise<StripeEventOutcome> {
  const scope = { merchant: merchantId, gateway: "stripe" } as const;
  const portico = intent.metadata?.portico_payment;
  const payment =
    (await em.findOne(Payment, { ...scope, gatewayReference: intent.id })) ??
    (portico ? await em.findOne(Payment, { ...scope, publicId: portico }) : null);
  const result = stripeChargeResultOf(intent);
  if (!payment || result.status === "processing") return "ignored";
  await recordChargeOutcome(em, clock, payment.id, result, { actor });
  return "processed";
}

async function settleRefund(
  em: EntityManager,
  clock: Clock,
  merchantId: number,
  stripeRefund: Stripe.Refund,
  actor: Actor,
): Promise<StripeEventOutcome> {
  const refund = await em.findOne(Refund, { merchant: merchantId, gatewayReference: stripeRefund.id });
  const result = stripeRefundResultOf(stripeRefund);
  if (!refund || result.status === "pending") return "ignored";
  await recordRefundOutcome(em, clock, refund.id, result, actor);
  return "processed";
}

export interface StripeWebhookDelivery {
  /** The merchant's public id (`mer_…`) from the endpoint's URL. */
  merchant: string;
  /** The request body exactly as received: the signature covers these bytes. */
  payload: string | Buffer;
  /** The `Stripe-Signature` header. */
  signature: string | undefined;
}

/**
 * Checks a delivery's `Stripe-Signature` (`t=…,v1=HMAC-SHA256(secret, "t.body")`) against
 * the merchant's webhook signing secret, refusing timestamps older than the tolerance on
 * `clock`. Unknown merchant → NOT_FOUND `MERCHANT_NOT_FOUND`; no secret stored (or none
 * this server can open) → NOT_FOUND `STRIPE_WEBHOOK_NOT_CONFIGURED`; a bad or stale
 * signature or a body that is no event → BAD_REQUEST `STRIPE_SIGNATURE_INVALID`.
 */
export async function verifyStripeWebhook(
  em: EntityManager,
  clock: Clock,
  secrets: SecretSealer,
  delivery: StripeWebhookDelivery,
): Promise<{ merchantId: number; event: Stripe.Event }> {
  const merchant = await em.findOne(Merchant, { publicId: delivery.merchant });
  if (!merchant) throw new AppError("NOT_FOUND", "MERCHANT_NOT_FOUND", "No such merchant.");
  const secret = stripeWebhookSecretOf(merchant, secrets);
  if (!secret) {
    throw new AppError(
      "NOT_FOUND",
      "STRIPE_WEBHOOK_NOT_CONFIGURED",
      "This merchant takes no Stripe webhooks.",
    );
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      delivery.payload,
      delivery.signature ?? "",
      secret,
      STRIPE_WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      clock.now().getTime(),
    );
  } catch (error) {
    throw new AppError("BAD_REQUEST", "STRIPE_SIGNATURE_INVALID", "The Stripe signature does not verify.", {
      cause: error,
    });
  }
  if (
    typeof event?.id !== "string" ||
    typeof event.type !== "string" ||
    typeof event.data?.object !== "object"
  ) {
    throw new AppError("BAD_REQUEST", "STRIPE_SIGNATURE_INVALID", "The body is not a Stripe event.");
  }
  return { merchantId: merchant.id, event };
}

/** verifyStripeWebhook, then handleStripeEvent: what the webhook route does with a delivery. */
export async function receiveStripeWebhook(
  em: EntityManager,
  clock: Clock,
  secrets: SecretSealer,
  delivery: StripeWebhookDelivery,
): Promise<{ eventId: string; type: string; outcome: StripeEventOutcome }> {
  const { merchantId, event } = await verifyStripeWebhook(em, clock, secrets, delivery);
  const outcome = await handleStripeEvent(em, clock, merchantId, event);
  return { eventId: event.id, type: event.type, outcome };
}
