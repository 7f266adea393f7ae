import { LockMode, ref } from "@mikro-orm/core";
import { Invoice, Merchant, Payment, type EntityManager, type IInvoice, type IPayment } from "@portico/db";
import type { Actor } from "../actor.js";
import type { Clock } from "../clock.js";
import { checkAmount } from "../common/amount.js";
import { AppError } from "../errors.js";
import { applyWalletCredits } from "../wallets/apply.js";
import { chargeableMethod, executeCharge, markInvoicePaid, reservePayment } from "./charge.js";
import { PAYMENT_POPULATE } from "./dto.js";
import { checkIdempotencyKey, requestHash, withIdempotency } from "./idempotency.js";
import { INVOICE_POPULATE } from "./invoice-dto.js";
import { invoicePayments, paymentInProgress } from "./invoices.js";
import { invoiceNotFound, scopeFilter, scopeOf, type PaymentActor } from "./scope.js";
import { refreshPayment } from "./settle.js";

export interface PayInvoiceInput {
  /** The invoice row (jobs, acting as the system) or its `in_…` id within the actor's scope. */
  invoice: IInvoice | string;
  /** `pm_…` of one of the customer's methods; default: the subscription's, then the customer's. */
  paymentMethod?: string | null;
  /** Pay only this much now (minor units, ≤ amountRemaining); default everything remaining. */
  amount?: number | null;
  idempotencyKey: string;
  actor: Actor | PaymentActor;
  /** Whether an amount below what remains is accepted (the merchant's setting). */
  allowPartial?: boolean;
  /** Dunning's last retry (see markSubscriptionPaymentFailed). */
  finalAttempt?: boolean;
}

export interface InvoicePayment {
  /** Loaded with INVOICE_POPULATE. */
  invoice: IInvoice;
  /** The charge made (PAYMENT_POPULATE), or null when wallet credits covered it all. */
  payment: IPayment | null;
  /** Every payment attempt of the invoice, oldest first (PAYMENT_POPULATE). */
  payments: IPayment[];
  /** An earlier call with this key answered: nothing new happened. */
  replayed: boolean;
}

/** What withIdempotency stores: ids, so a replay shows the rows as they are now. */
interface StoredPayment {
  invoice: string;
  payment: string | null;
}

type Step =
  | { kind: "done"; payment: IPayment | null }
  | { kind: "charge"; paymentId: number }
  | { kind: "busy"; payment: IPayment };

/**
 * Pays an open (or uncollectible) invoice, at most once per idempotency key:
 * 1. under the invoice's row lock: spendable wallet credits in its currency first
 *    (earliest-expiring first), then a `processing` payment is reserved for the rest on the
 *    chosen method — committed before any money moves;
 * 2. the gateway is charged with the payment's own key, no transaction open;
 * 3. the answer is recorded: succeeded (receipt number; paid when nothing remains),
 *    failed (code and message; the invoice stays open), or processing (settled later).
 * The same key and parameters replay the first result; other parameters → CONFLICT
 * `IDEMPOTENCY_KEY_REUSED`; the key in use → CONFLICT `IDEMPOTENCY_IN_PROGRESS`. A paid
 * invoice → CONFLICT `PAYMENT_ALREADY_PROCESSED` (details.payment); a charge of it still
 * processing (after asking the gateway once more) → CONFLICT `PAYMENT_IN_PROGRESS`; draft
 * or void → CONFLICT `INVOICE_NOT_PAYABLE`. Credits applied stay applied if the charge then
 * fails: they paid part of the invoice.
 */
export async function payInvoice(
  em: EntityManager,
  clock: Clock,
  input: PayInvoiceInput,
): Promise<InvoicePayment> {
  const amount = input.amount == null ? null : checkAmount(input.amount, "amount", 1);
  const key = checkIdempotencyKey(input.idempotencyKey);
  const target = await findPayable(em, input);
  const merchantId = target.merchant.id;
  const request = { invoice: target.publicId, paymentMethod: input.paymentMethod ?? null, amount };
  const { value, replayed } = await withIdempotency<StoredPayment>(
    em,
    clock,
    { merchantId, scope: "invoices.pay", key, request },
    async () => {
      const payment = await attempt(em, clock, {
        ...input,
        amount,
        key,
        invoiceId: target.id,
        hash: requestHash(request),
      });
      return { invoice: target.publicId, payment: payment?.publicId ?? null };
    },
  );
  const invoice = await em.findOneOrFail(
    Invoice,
    { publicId: value.invoice },
    { populate: INVOICE_POPULATE, refresh: true },
  );
  const payment = value.payment
    ? await em.findOneOrFail(
        Payment,
        { publicId: value.payment },
        { populate: PAYMENT_POPULATE, refresh: true },
      )
    : null;
  return { invoice, payment, payments: await invoicePayments(em, invoice), replayed };
}

async function findPayable(em: EntityManager, input: PayInvoiceInput): Promise<IInvoice> {
  const scope = scopeOf(input.actor);
  if (typeof input.invoice !== "string") {
    if (
      scope &&
      (input.invoice.merchant.id !== scope.merchantId ||
        (scope.customerId != null && input.invoice.customer.id !== scope.customerId))
    ) {
      throw invoiceNotFound();
    }
    return input.invoice;
  }
  if (!scope) throw new Error("payInvoice: an invoice id needs an actor with a merchant scope");
  const invoice = await em.findOne(Invoice, { publicId: input.invoice, ...scopeFilter(scope) });
  if (!invoice) throw invoiceNotFound();
  return invoice;
}

interface Attempt extends PayInvoiceInput {
  amount: number | null;
  key: string;
  hash: string;
  invoiceId: number;
}

/** One execution under the idempotency key: reserve, charge, record. */
async function attempt(em: EntityManager, clock: Clock, a: Attempt): Promise<IPayment | null> {
  for (let round = 0; ; round++) {
    const step = await em.transactional((tx) => reserve(tx, clock, a));
    if (step.kind === "done") return step.payment;
    if (step.kind === "charge") {
      return executeCharge(em, clock, step.paymentId, { actor: a.actor, finalAttempt: a.finalAttempt });
    }
    // Another charge of the invoice is processing: ask the gateway once whether it settled.
    const refreshed = await refreshPayment(em, clock, step.payment.id, a.actor);
    if (round > 0 || refreshed.status === "processing") throw paymentInProgress(refreshed);
  }
}

async function reserve(tx: EntityManager, clock: Clock, a: Attempt): Promise<Step> {
  const invoice = await tx.findOneOrFail(Invoice, a.invoiceId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  const merchantId = invoice.merchant.id;
  const resumed = await tx.findOne(Payment, { merchant: merchantId, idempotencyKey: a.key });
  if (resumed) {
    // The key's payment exists: an attempt that crashed after reserving it, or a retry after
    // the idempotency record was forgotten. Carry on with it, never a new charge.
    if (resumed.requestHash !== a.hash || resumed.invoice?.id !== invoice.id) throw keyReused();
    const answered = resumed.status !== "processing" || resumed.gatewayReference;
    return answered ? { kind: "done", payment: resumed } : { kind: "charge", paymentId: resumed.id };
  }
  if (invoice.status === "paid") {
    const paid = await tx.findOne(
      Payment,
      { invoice: invoice.id, status: { $in: ["succeeded", "partially_refunded", "refunded"] } },
      { orderBy: { createdAt: "desc", id: "desc" } },
    );
    throw new AppError("CONFLICT", "PAYMENT_ALREADY_PROCESSED", "This invoice is already paid.", {
      details: { invoice: invoice.publicId, payment: paid?.publicId ?? null },
    });
  }
  if (invoice.status !== "open" && invoice.status !== "uncollectible") {
    throw new AppError("CONFLICT", "INVOICE_NOT_PAYABLE", `A ${invoice.status} invoice cannot be paid.`, {
      details: { status: invoice.status },
    });
  }
  const inFlight = await tx.findOne(Payment, { invoice: invoice.id, status: "processing" });
  if (inFlight) return { kind: "busy", payment: inFlight };

  const remaining = invoice.amountRemaining;
  if (a.amount !== null && a.amount > remaining) {
    throw new AppError(
      "BAD_REQUEST",
      "AMOUNT_EXCEEDS_REMAINING",
      "amount is more than the invoice asks for.",
      {
        details: { amountRemaining: remaining },
      },
    );
  }
  if (a.amount !== null && a.amount < remaining && !a.allowPartial) {
    throw new AppError("BAD_REQUEST", "PARTIAL_PAYMENT_NOT_ALLOWED", "This invoice must be paid in full.", {
      details: { amountRemaining: remaining },
    });
  }
  const now = clock.now();
  const wanted = a.amount ?? remaining;
  const credited = await applyWalletCredits(tx, now, invoice, wanted, a.actor);
  const toCharge = wanted - credited;
  if (toCharge === 0) {
    if (invoice.amountRemaining === 0) await markInvoicePaid(tx, clock, invoice, a.actor);
    await tx.flush();
    return { kind: "done", payment: null };
  }
  const merchant = await tx.findOneOrFail(Merchant, merchantId);
  const method = await chargeableMethod(tx, invoice.customer.id, {
    gateway: merchant.gateway,
    paymentMethod: a.paymentMethod,
    subscriptionId: invoice.subscription?.id,
  });
  const payment = await reservePayment(tx, merchantId, {
    customerId: invoice.customer.id,
    purpose: "invoice",
    invoice,
    method,
    amount: toCharge,
    currency: invoice.currency,
    idempotencyKey: a.key,
    requestHash: a.hash,
    description: invoice.number ? `Invoice ${invoice.number}` : null,
    at: now,
  });
  invoice.latestPayment = ref(payment);
  invoice.attemptCount += 1;
  invoice.updatedAt = now;
  await tx.flush();
  return { kind: "charge", paymentId: payment.id };
}

function keyReused(): AppError {
  return new AppError(
    "CONFLICT",
    "IDEMPOTENCY_KEY_REUSED",
    "This idempotency key was used with other parameters; use a new key for a new request.",
  );
}
