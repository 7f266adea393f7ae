import { Payment, type EntityManager, type IPayment, type PaymentGateway } from "@portico/db";
import { SYSTEM_ACTOR, type Actor } from "../actor.js";
import type { Clock } from "../clock.js";
import { executeCharge, recordChargeOutcome } from "./charge.js";
import type { ChargeResult } from "./gateway.js";
import { gatewayFor } from "./registry.js";

/**
 * A reserved payment without a gateway answer this long after it was made is taken to be
 * an attempt that crashed, and is charged again under its own gateway key (the gateway
 * answers with the first charge if there was one). Younger ones may still be in flight.
 */
export const STALE_RESERVATION_SECONDS = 300;

/**
 * Asks the gateway about a `processing` payment and records the answer if it has one — the
 * "next status check" that completes an asynchronous charge (a Stripe webhook does the
 * same through settlePaymentByReference). Anything else is returned unchanged.
 */
export async function refreshPayment(
  em: EntityManager,
  clock: Clock,
  paymentId: number,
  actor: Actor = SYSTEM_ACTOR,
): Promise<IPayment> {
  const payment = await em.findOneOrFail(Payment, paymentId, { populate: ["merchant"], refresh: true });
  if (payment.status !== "processing") return payment;
  if (!payment.gatewayReference) {
    const age = clock.now().getTime() - payment.createdAt.getTime();
    if (age < STALE_RESERVATION_SECONDS * 1000) return payment;
    return executeCharge(em, clock, payment.id, { actor });
  }
  const result = await gatewayFor(payment.merchant.getEntity(), clock, payment.gateway).retrieveCharge(
    payment.gatewayReference,
  );
  if (result.status === "processing") return payment;
  return recordChargeOutcome(em, clock, payment.id, result, { actor });
}

export interface SettleRun {
  checked: number;
  /** Now succeeded or failed. */
  settled: number;
  /** Gateways that did not answer; those payments are checked again next run. */
  errors: number;
}

/**
 * Checks every `processing` payment (oldest first, `limit` per run, one merchant's or all),
 * for a job to run every minute. Each payment is settled on its own: one gateway failing
 * does not hold up the rest.
 */
export async function settleProcessingPayments(
  em: EntityManager,
  clock: Clock,
  options: { merchantId?: number; limit?: number } = {},
): Promise<SettleRun> {
  const pending = await em.find(
    Payment,
    { status: "processing", ...(options.merchantId === undefined ? {} : { merchant: options.merchantId }) },
    { orderBy: { createdAt: "asc", id: "asc" }, limit: options.limit ?? 100, fields: ["id"] },
  );
  const run: SettleRun = { checked: pending.length, settled: 0, errors: 0 };
  for (const { id } of pending) {
    try {
      const payment = await refreshPayment(em.fork(), clock, id);
      if (payment.status !== "processing") run.settled += 1;
    } catch {
      run.errors += 1;
    }
  }
  return run;
}

/**
 * Records what a gateway reported about one of its charges (an inbound webhook such as
 * Stripe's `payment_intent.succeeded`), found by the gateway's reference. Null when no
 * payment has that reference yet (the charge call has not returned): the webhook is
 * retried. Idempotent: an answer for a settled payment changes nothing.
 */
export async function settlePaymentByReference(
  em: EntityManager,
  clock: Clock,
  gateway: PaymentGateway,
  reference: string,
  result: ChargeResult,
  actor: Actor = SYSTEM_ACTOR,
): Promise<IPayment | null> {
  const payment = await em.findOne(Payment, { gateway, gatewayReference: reference });
  if (!payment) return null;
  return recordChargeOutcome(em, clock, payment.id, result, { actor });
}
