import { emitEvent } from "../webhooks/emit.js";
import { LockMode } from "@mikro-orm/core";
import {
  Customer,
  Invoice,
  Payment,
  PaymentMethod,
  Subscription,
  type EntityManager,
  type IInvoice,
  type IPayment,
  type IPaymentMethod,
  type PaymentGateway,
  type PaymentPurpose,
} from "@portico/db";
import type { Actor } from "../actor.js";
import type { Clock } from "../clock.js";
import { flushOrConflict } from "../common/flush.js";
import { AppError } from "../errors.js";
import { nextDocumentNumber } from "../invoices/numbering.js";
import {
  markSubscriptionPaymentFailed,
  markSubscriptionPaymentSucceeded,
} from "../subscriptions/payment-outcome.js";
import { lockWalletFor, writeEntry } from "../wallets/ledger.js";
import { recordMoneyEvent } from "./audit.js";
import { PAYMENT_POPULATE } from "./dto.js";
import type { ChargeResult } from "./gateway.js";
import { gatewayCustomerOf } from "./methods.js";
import { gatewayFor } from "./registry.js";
import { paymentMethodNotFound } from "./scope.js";

export interface ChargeOptions {
  actor: Actor;
  /** Dunning's last retry: a failure applies the merchant's final action to the subscription. */
  finalAttempt?: boolean;
}

/**
 * The method a charge goes to: the one named (an attached method of the customer), else the
 * subscription's own default, else the customer's default; none → BAD_REQUEST
 * `NO_PAYMENT_METHOD`. Only methods of the merchant's current gateway count: a sandbox card
 * is never charged once the merchant has moved to Stripe.
 */
export async function chargeableMethod(
  em: EntityManager,
  customerId: number,
  options: { gateway: PaymentGateway; paymentMethod?: string | null; subscriptionId?: number | null },
): Promise<IPaymentMethod> {
  const usable = { customer: customerId, gateway: options.gateway, detachedAt: null };
  if (options.paymentMethod) {
    const named = await em.findOne(PaymentMethod, { publicId: options.paymentMethod, ...usable });
    if (!named) throw paymentMethodNotFound();
    return named;
  }
  if (options.subscriptionId) {
    const subscription = await em.findOne(Subscription, options.subscriptionId, {
      populate: ["defaultPaymentMethod"],
    });
    const own = subscription?.defaultPaymentMethod?.getEntity();
    if (own && !own.detachedAt && own.gateway === options.gateway) return own;
  }
  const fallback = await em.findOne(PaymentMethod, { ...usable, isDefault: true });
  if (!fallback) {
    throw new AppError("BAD_REQUEST", "NO_PAYMENT_METHOD", "The customer has no payment method to charge.");
  }
  return fallback;
}

export interface Reservation {
  customerId: number;
  purpose: PaymentPurpose;
  invoice: IInvoice | null;
  method: IPaymentMethod;
  amount: number;
  currency: string;
  idempotencyKey: string;
  requestHash: string;
  description: string | null;
  at: Date;
}

/**
 * Stores a charge about to be made as a `processing` payment, in the caller's transaction.
 * Committed before the gateway is called, so a crash in between leaves a row the next
 * attempt (same key) or the settle job resumes — with the same gateway idempotency key,
 * hence never a second charge. A key another payment of the merchant holds is CONFLICT
 * `IDEMPOTENCY_KEY_REUSED`.
 */
export async function reservePayment(
  em: EntityManager,
  merchantId: number,
  r: Reservation,
): Promise<IPayment> {
  const payment = em.create(Payment, {
    merchant: merchantId,
    customer: r.customerId,
    purpose: r.purpose,
    invoice: r.invoice,
    paymentMethod: r.method,
    amount: r.amount,
    currency: r.currency,
    status: "processing",
    idempotencyKey: r.idempotencyKey,
    requestHash: r.requestHash,
    gateway: r.method.gateway,
    description: r.description,
    createdAt: r.at,
    updatedAt: r.at,
  });
  await flushOrConflict(
    em,
    () =>
      new AppError("CONFLICT", "IDEMPOTENCY_KEY_REUSED", "This idempotency key belongs to another payment.", {
        details: { idempotencyKey: r.idempotencyKey },
      }),
  );
  return payment;
}

/** The key the gateway dedupes this payment's charge by: one per payment row, stable across retries. */
export function gatewayKeyOf(payment: IPayment): string {
  return `portico_${payment.publicId}`;
}

/**
 * Charges a reserved payment through the merchant's gateway and records the answer. Runs
 * outside any transaction (nothing stays locked while the gateway thinks). A payment that
 * already has an answer is returned as it is. A gateway that does not answer leaves the
 * payment `processing`: SERVICE_UNAVAILABLE `GATEWAY_UNAVAILABLE`; settleProcessingPayments
 * or a retry with the same key asks again under the same gateway key.
 */
export async function executeCharge(
  em: EntityManager,
  clock: Clock,
  paymentId: number,
  options: ChargeOptions,
): Promise<IPayment> {
  const payment = await em.findOneOrFail(Payment, paymentId, {
    populate: ["merchant", "customer", "paymentMethod"],
    refresh: true,
  });
  if (payment.status !== "processing" || payment.gatewayReference) return payment;
  const method = payment.paymentMethod?.getEntity();
  if (!method) throw new Error(`payment ${payment.publicId} has no payment method`);
  const gateway = gatewayFor(payment.merchant.getEntity(), clock, payment.gateway);
  let result: ChargeResult;
  try {
    result = await gateway.charge({
      amount: payment.amount,
      currency: payment.currency,
      method: { token: method.gatewayToken, brand: method.brand ?? null, last4: method.last4 ?? null },
      customer: gatewayCustomerOf(payment.customer.getEntity()),
      idempotencyKey: gatewayKeyOf(payment),
      description: payment.description ?? null,
      metadata: { portico_payment: payment.publicId },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "GATEWAY_UNAVAILABLE",
      "The payment gateway did not answer; the payment will be checked again.",
      { cause: error, details: { payment: payment.publicId } },
    );
  }
  return recordChargeOutcome(em, clock, payment.id, result, options);
}

/**
 * Records a gateway's answer for a `processing` payment, once: the payment row is locked
 * and an answer arriving twice (the settle job and a webhook) changes nothing the second
 * time. Then the invoice's lock. On success: a gap-free receipt number, the invoice's paid
 * and remaining amounts (paid when nothing remains; its subscription becomes active), or a
 * top-up's credit on the wallet. On failure: the code and message; the invoice stays open
 * and its subscription goes past due. `processing`: only the gateway's reference is kept.
 */
export async function recordChargeOutcome(
  em: EntityManager,
  clock: Clock,
  paymentId: number,
  result: ChargeResult,
  options: ChargeOptions,
): Promise<IPayment> {
  return em.transactional(async (tx) => {
    const payment = await tx.findOneOrFail(Payment, paymentId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (payment.status === "processing") {
      const invoice = payment.invoice
        ? await tx.findOneOrFail(Invoice, payment.invoice.id, {
            lockMode: LockMode.PESSIMISTIC_WRITE,
            refresh: true,
          })
        : null;
      const now = clock.now();
      const firstAnswer = !payment.gatewayReference;
      payment.gatewayReference = result.reference ?? payment.gatewayReference ?? null;
      payment.nextAction = result.nextAction ?? null;
      payment.updatedAt = now;
      if (result.status === "succeeded") await succeed(tx, clock, payment, invoice, options.actor);
      else if (result.status === "failed") await fail(tx, clock, payment, invoice, result, options);
      else if (firstAnswer) event(tx, options.actor, payment, "Payment.Processing", now, {});
      await tx.flush();
    }
    await tx.populate(payment, PAYMENT_POPULATE);
    return payment;
  });
}

function event(em: EntityManager, actor: Actor, payment: IPayment, action: string, at: Date, data: object) {
  recordMoneyEvent(em, actor, {
    merchantId: payment.merchant.id,
    customerId: payment.customer.id,
    action,
    targetType: "payment",
    targetId: payment.publicId,
    data: {
      purpose: payment.purpose,
      amount: payment.amount,
      currency: payment.currency,
      invoice: payment.invoice?.getEntity().publicId ?? null,
      ...data,
    },
    at,
  });
}

async function succeed(
  em: EntityManager,
  clock: Clock,
  payment: IPayment,
  invoice: IInvoice | null,
  actor: Actor,
): Promise<void> {
  const now = clock.now();
  payment.status = "succeeded";
  payment.succeededAt = now;
  payment.failureCode = null;
  payment.failureMessage = null;
  payment.receiptNumber = await nextDocumentNumber(em, payment.merchant.id, "receipt");
  if (invoice) {
    invoice.amountPaid += payment.amount;
    // Never below zero: a credit note issued while the charge was in flight leaves the
    // excess on the payment, to refund.
    invoice.amountRemaining = Math.max(invoice.amountRemaining - payment.amount, 0);
    invoice.updatedAt = now;
    if (invoice.amountRemaining === 0) await markInvoicePaid(em, clock, invoice, actor);
  }
  if (payment.purpose === "wallet_top_up") {
    const customer = await em.findOneOrFail(Customer, payment.customer.id);
    const wallet = await lockWalletFor(em, customer, payment.currency);
    writeEntry(em, wallet, {
      type: "top_up",
      amount: payment.amount,
      at: now,
      paymentId: payment.id,
      description: payment.receiptNumber ? `Top-up ${payment.receiptNumber}` : null,
    });
    recordMoneyEvent(em, actor, {
      merchantId: payment.merchant.id,
      customerId: payment.customer.id,
      action: "Wallet.ToppedUp",
      targetType: "wallet",
      targetId: wallet.publicId,
      data: { payment: payment.publicId, amount: payment.amount, currency: payment.currency },
      at: now,
    });
  }
  event(em, actor, payment, "Payment.Succeeded", now, { receiptNumber: payment.receiptNumber });
  await emitEvent(em, {
    merchantId: payment.merchant.id,
    type: "payment.succeeded",
    data: payment,
    occurredAt: now,
  });
}

async function fail(
  em: EntityManager,
  clock: Clock,
  payment: IPayment,
  invoice: IInvoice | null,
  result: ChargeResult,
  options: ChargeOptions,
): Promise<void> {
  const now = clock.now();
  payment.status = "failed";
  payment.failedAt = now;
  payment.failureCode = result.failureCode ?? "payment_failed";
  payment.failureMessage = result.failureMessage?.slice(0, 500) ?? null;
  event(em, options.actor, payment, "Payment.Failed", now, { failureCode: payment.failureCode });
  await emitEvent(em, {
    merchantId: payment.merchant.id,
    type: "payment.failed",
    data: payment,
    occurredAt: now,
  });
  if (invoice?.subscription) {
    const subscription = await em.findOneOrFail(Subscription, invoice.subscription.id);
    await markSubscriptionPaymentFailed(em, clock, subscription, invoice, {
      actor: options.actor,
      finalAttempt: options.finalAttempt ?? false,
    });
  }
}

/**
 * open / uncollectible → paid once nothing remains (by charge or by credits); the
 * subscription it bills becomes active again. In the caller's transaction, under the
 * invoice's lock.
 */
export async function markInvoicePaid(
  em: EntityManager,
  clock: Clock,
  invoice: IInvoice,
  actor: Actor,
): Promise<void> {
  if (invoice.status !== "open" && invoice.status !== "uncollectible") return;
  const now = clock.now();
  invoice.status = "paid";
  invoice.paidAt = now;
  invoice.nextPaymentAttemptAt = null;
  invoice.updatedAt = now;
  recordMoneyEvent(em, actor, {
    merchantId: invoice.merchant.id,
    customerId: invoice.customer.id,
    action: "Invoice.Paid",
    targetType: "invoice",
    targetId: invoice.publicId,
    data: {
      number: invoice.number ?? null,
      amountPaid: invoice.amountPaid,
      walletCreditApplied: invoice.walletCreditApplied,
    },
    at: now,
  });
  await emitEvent(em, {
    merchantId: invoice.merchant.id,
    type: "invoice.paid",
    data: invoice,
    occurredAt: now,
  });
  if (invoice.subscription) {
    const subscription = await em.findOneOrFail(Subscription, invoice.subscription.id);
    await markSubscriptionPaymentSucceeded(em, clock, subscription, invoice, actor);
  }
}
