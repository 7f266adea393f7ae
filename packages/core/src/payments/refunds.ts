import { emitEvent } from "../webhooks/emit.js";
import { LockMode, ref } from "@mikro-orm/core";
import {
  CreditNote,
  CreditNoteLine,
  Invoice,
  Payment,
  Refund,
  WalletTransaction,
  type CreditNoteReason,
  type EntityManager,
  type IInvoice,
  type IPayment,
  type IRefund,
  type RefundReason,
} from "@portico/db";
import type { Actor } from "../actor.js";
import type { Clock } from "../clock.js";
import { checkAmount } from "../common/amount.js";
import { flushOrConflict } from "../common/flush.js";
import { AppError } from "../errors.js";
import { nextDocumentNumber } from "../invoices/numbering.js";
import { lockWallet, writeEntry } from "../wallets/ledger.js";
import { recordMoneyEvent } from "./audit.js";
import type { RefundResult } from "./gateway.js";
import { checkIdempotencyKey, withIdempotency } from "./idempotency.js";
import { gatewayFor } from "./registry.js";
import { paymentNotFound, scopeFilter, type PaymentActor } from "./scope.js";

export interface RefundPaymentInput {
  /** `py_…` of a succeeded payment in the actor's scope. */
  payment: string;
  /** Minor units; default everything not yet refunded. */
  amount?: number | null;
  reason?: RefundReason | null;
  idempotencyKey: string;
}

/** A refund and the payment it returns money from, loaded for their DTOs. */
export interface PaymentRefund {
  refund: IRefund;
  payment: IPayment;
  replayed: boolean;
}

const REFUND_POPULATE = ["payment", "creditNote"] as const;

const CREDIT_NOTE_REASONS: Partial<Record<RefundReason, CreditNoteReason>> = {
  duplicate: "duplicate",
  fraudulent: "fraudulent",
};

/**
 * Sends money back on a succeeded payment, all or part of what is left, once per
 * idempotency key (reserve a `pending` refund, ask the gateway with the refund's own key,
 * record the answer — as payInvoice does). When it succeeds:
 * - an invoice payment gets a credit note (`ACME-CN-0001`, refundAmount = the refund): the
 *   invoice's amountPaid goes down and amountCredited up by the refund, so what it still
 *   asks for (amountRemaining) does not change — a paid invoice stays paid and never asks
 *   for refunded money again; the customer balance is untouched;
 * - a wallet top-up takes the credit back from the wallet; credit already spent cannot be
 *   refunded (CONFLICT `WALLET_CREDIT_ALREADY_USED`).
 * More than is left → BAD_REQUEST `REFUND_EXCEEDS_PAYMENT`; a payment that did not succeed
 * → CONFLICT `PAYMENT_NOT_REFUNDABLE`.
 */
export async function refundPayment(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  input: RefundPaymentInput,
): Promise<PaymentRefund> {
  const amount = input.amount == null ? null : checkAmount(input.amount, "amount", 1);
  const key = checkIdempotencyKey(input.idempotencyKey);
  const found = await em.findOne(Payment, { publicId: input.payment, ...scopeFilter(actor) });
  if (!found) throw paymentNotFound();
  const request = { payment: found.publicId, amount, reason: input.reason ?? null };
  const { value, replayed } = await withIdempotency<string>(
    em,
    clock,
    { merchantId: actor.merchantId, scope: "payments.refund", key, request },
    async () => {
      const reserved = await em.transactional((tx) =>
        reserveRefund(tx, clock, found.id, { amount, reason: input.reason ?? null, key }),
      );
      if (reserved.status === "pending" && !reserved.gatewayReference) {
        await executeRefund(em, clock, reserved.id, actor);
      }
      return reserved.publicId;
    },
  );
  const refund = await em.findOneOrFail(
    Refund,
    { publicId: value },
    { populate: REFUND_POPULATE, refresh: true },
  );
  const payment = await em.findOneOrFail(Payment, refund.payment.id, {
    populate: ["customer", "invoice", "paymentMethod"],
    refresh: true,
  });
  return { refund, payment, replayed };
}

async function reserveRefund(
  tx: EntityManager,
  clock: Clock,
  paymentId: number,
  r: { amount: number | null; reason: RefundReason | null; key: string },
): Promise<IRefund> {
  const payment = await tx.findOneOrFail(Payment, paymentId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  const resumed = await tx.findOne(Refund, { merchant: payment.merchant.id, idempotencyKey: r.key });
  if (resumed) {
    if (resumed.payment.id !== payment.id || (r.amount !== null && resumed.amount !== r.amount)) {
      throw new AppError(
        "CONFLICT",
        "IDEMPOTENCY_KEY_REUSED",
        "This idempotency key belongs to another refund.",
      );
    }
    return resumed;
  }
  if (payment.status !== "succeeded" && payment.status !== "partially_refunded") {
    throw new AppError(
      "CONFLICT",
      "PAYMENT_NOT_REFUNDABLE",
      `A ${payment.status} payment cannot be refunded.`,
      {
        details: { status: payment.status },
      },
    );
  }
  const pending = await tx.find(Refund, { payment: payment.id, status: "pending" });
  const refundable = payment.amount - payment.amountRefunded - pending.reduce((sum, p) => sum + p.amount, 0);
  const amount = r.amount ?? refundable;
  if (amount <= 0 || amount > refundable) {
    throw new AppError(
      "BAD_REQUEST",
      "REFUND_EXCEEDS_PAYMENT",
      "The refund is more than is left on the payment.",
      {
        details: { refundable },
      },
    );
  }
  if (payment.purpose === "wallet_top_up") {
    const credit = await topUpCredit(tx, payment);
    if ((credit?.remainingAmount ?? 0) < amount) {
      throw new AppError(
        "CONFLICT",
        "WALLET_CREDIT_ALREADY_USED",
        "The credit bought by this top-up was spent.",
        {
          details: { refundable: credit?.remainingAmount ?? 0 },
        },
      );
    }
  }
  const now = clock.now();
  const refund = tx.create(Refund, {
    merchant: payment.merchant.id,
    customer: payment.customer.id,
    payment,
    amount,
    currency: payment.currency,
    reason: r.reason,
    status: "pending",
    idempotencyKey: r.key,
    createdAt: now,
    updatedAt: now,
  });
  await flushOrConflict(
    tx,
    () =>
      new AppError("CONFLICT", "IDEMPOTENCY_KEY_REUSED", "This idempotency key belongs to another refund."),
  );
  return refund;
}

function topUpCredit(em: EntityManager, payment: IPayment) {
  return em.findOne(WalletTransaction, { payment: payment.id, type: "top_up" });
}

async function executeRefund(em: EntityManager, clock: Clock, refundId: number, actor: Actor): Promise<void> {
  const refund = await em.findOneOrFail(Refund, refundId, {
    populate: ["payment", "payment.merchant"],
    refresh: true,
  });
  const payment = refund.payment.getEntity();
  if (!payment.gatewayReference) throw new Error(`payment ${payment.publicId} has no gateway reference`);
  let result: RefundResult;
  try {
    result = await gatewayFor(payment.merchant.getEntity(), clock, payment.gateway).refund({
      chargeReference: payment.gatewayReference,
      amount: refund.amount,
      currency: refund.currency,
      idempotencyKey: `portico_${refund.publicId}`,
      reason: refund.reason ?? null,
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "GATEWAY_UNAVAILABLE",
      "The payment gateway did not answer; retry the refund.",
      {
        cause: error,
        details: { refund: refund.publicId },
      },
    );
  }
  await recordRefundOutcome(em, clock, refund.id, result, actor);
}

/**
 * Records a gateway's answer for a `pending` refund, once (the payment row is locked first,
 * then the invoice or wallet). Exported for the gateway webhook that completes pending ones.
 */
export async function recordRefundOutcome(
  em: EntityManager,
  clock: Clock,
  refundId: number,
  result: RefundResult,
  actor: Actor,
): Promise<IRefund> {
  return em.transactional(async (tx) => {
    const pending = await tx.findOneOrFail(Refund, refundId);
    const payment = await tx.findOneOrFail(Payment, pending.payment.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    const refund = await tx.findOneOrFail(Refund, refundId, { refresh: true });
    if (refund.status !== "pending") return refund;
    const now = clock.now();
    refund.gatewayReference = result.reference ?? refund.gatewayReference ?? null;
    refund.updatedAt = now;
    if (result.status === "failed") {
      refund.status = "failed";
      refund.failureMessage = result.failureMessage?.slice(0, 500) ?? null;
    } else if (result.status === "succeeded") {
      refund.status = "succeeded";
      refund.succeededAt = now;
      payment.amountRefunded += refund.amount;
      payment.status = payment.amountRefunded === payment.amount ? "refunded" : "partially_refunded";
      payment.updatedAt = now;
      if (payment.invoice) {
        const invoice = await tx.findOneOrFail(Invoice, payment.invoice.id, {
          lockMode: LockMode.PESSIMISTIC_WRITE,
          refresh: true,
        });
        await creditInvoice(tx, now, invoice, payment, refund);
      } else if (payment.purpose === "wallet_top_up") {
        await takeBackTopUp(tx, now, payment, refund);
      }
      await emitEvent(tx, {
        merchantId: payment.merchant.id,
        type: "payment.refunded",
        data: payment,
        occurredAt: now,
      });
    }
    await tx.flush();
    recordMoneyEvent(tx, actor, {
      merchantId: payment.merchant.id,
      customerId: payment.customer.id,
      action: `Refund.${refund.status === "succeeded" ? "Succeeded" : refund.status === "failed" ? "Failed" : "Pending"}`,
      targetType: "refund",
      targetId: refund.publicId,
      data: {
        payment: payment.publicId,
        amount: refund.amount,
        currency: refund.currency,
        reason: refund.reason ?? null,
        creditNote: refund.creditNote?.getEntity().publicId ?? null,
      },
      at: now,
    });
    await tx.flush();
    return refund;
  });
}

async function creditInvoice(
  em: EntityManager,
  now: Date,
  invoice: IInvoice,
  payment: IPayment,
  refund: IRefund,
): Promise<void> {
  const creditNote = em.create(CreditNote, {
    merchant: invoice.merchant.id,
    customer: invoice.customer.id,
    invoice,
    number: await nextDocumentNumber(em, invoice.merchant.id, "credit_note"),
    reason: refund.reason ? (CREDIT_NOTE_REASONS[refund.reason] ?? null) : null,
    currency: refund.currency,
    subtotal: refund.amount,
    amount: refund.amount,
    refundAmount: refund.amount,
    issuedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  em.create(CreditNoteLine, {
    merchant: invoice.merchant.id,
    creditNote,
    description: `Refund of payment ${payment.receiptNumber ?? payment.publicId}`,
    amount: refund.amount,
    createdAt: now,
  });
  refund.creditNote = ref(creditNote);
  invoice.amountPaid -= refund.amount;
  invoice.amountCredited += refund.amount;
  invoice.updatedAt = now;
}

async function takeBackTopUp(
  em: EntityManager,
  now: Date,
  payment: IPayment,
  refund: IRefund,
): Promise<void> {
  const found = await topUpCredit(em, payment);
  if (!found) return;
  const wallet = await lockWallet(em, found.wallet.id);
  const credit = await em.findOneOrFail(WalletTransaction, found.id, { refresh: true });
  // Checked when the refund was reserved; spent meanwhile, the gateway has refunded anyway,
  // so the wallet gives back what is left of the credit.
  const taken = Math.min(credit.remainingAmount ?? 0, refund.amount);
  credit.remainingAmount = (credit.remainingAmount ?? 0) - taken;
  credit.updatedAt = now;
  if (taken > 0) {
    writeEntry(em, wallet, {
      type: "refund",
      amount: -taken,
      at: now,
      paymentId: payment.id,
      description: `Refund ${refund.publicId}`,
    });
  }
}
