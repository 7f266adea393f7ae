import { Invoice, type EntityManager, type IInvoice, type IPayment } from "@portico/db";
import { z } from "zod";
import { SYSTEM_ACTOR } from "../actor.js";
import { AppError } from "../errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { defineJobHandler, type JobContext } from "../jobs/handlers.js";
import { payInvoice } from "../payments/pay-invoice.js";
import { recordChargeFailure, type DunningDependencies } from "./dunning.js";

/** The job that charges an open invoice to the customer's default method (renewal or dunning retry). */
export const INVOICE_CHARGE_JOB = "invoice.charge";

export const ZInvoiceChargePayload = z.object({
  /** `in_…` */
  invoice: z.string().min(1),
  /** 1 for the charge at renewal, n + 1 for the n-th dunning retry. */
  attempt: z.number().int().min(1),
  /** When a retry was due (the invoice's nextPaymentAttemptAt); absent for the first attempt. */
  scheduledAt: z.iso.datetime().optional(),
});

/** Minimal time between two runs of one charge key after it failed for good (see enqueueJob). */
const REVIVE_FAILED_CHARGE_MS = 60 * 60_000;

/**
 * Queues automatic charge `attempt` of an invoice, at most once per invoice and attempt
 * (the singleton key), in the caller's transaction. Jobs of a subscription on a test clock
 * run when that clock is advanced.
 */
export async function enqueueInvoiceCharge(
  em: EntityManager,
  input: {
    invoice: IInvoice;
    attempt: number;
    scheduledAt?: Date | null;
    runAt: Date;
    testClockId: number | null;
  },
): Promise<boolean> {
  const job = await enqueueJob(em, {
    name: INVOICE_CHARGE_JOB,
    payload: {
      invoice: input.invoice.publicId,
      attempt: input.attempt,
      ...(input.scheduledAt ? { scheduledAt: input.scheduledAt.toISOString() } : {}),
    },
    runAt: input.runAt,
    singletonKey: `charge:${input.invoice.publicId}:${input.attempt}`,
    merchant: input.invoice.merchant.id,
    testClock: input.testClockId,
    reviveFailedAfterMs: REVIVE_FAILED_CHARGE_MS,
  });
  return job.created;
}

/** What a charge attempt came to, for logs and tests. */
export type ChargeAttemptOutcome = "skipped" | "succeeded" | "processing" | "failed";

/** Reasons payInvoice gives when there is nothing (more) to charge: the attempt is moot. */
const MOOT = new Set(["PAYMENT_ALREADY_PROCESSED", "INVOICE_NOT_PAYABLE", "PAYMENT_IN_PROGRESS"]);

/**
 * Automatic charge `attempt` of an open `charge_automatically` invoice: payInvoice (credits
 * first, then the subscription's or the customer's default method) under the idempotency
 * key `auto-charge:<in_…>:<attempt>`, so a re-run after a crash never charges twice. The
 * attempt past the merchant's last retry day is the final one (markSubscriptionPaymentFailed
 * applies `dunningFinalAction`). A decline, or no method at all (NO_PAYMENT_METHOD), goes to
 * recordChargeFailure, which schedules the next retry. Runs outside any transaction: payInvoice
 * commits its reservation before it calls the gateway.
 */
export async function chargeInvoice(
  ctx: Pick<JobContext, "em" | "clock">,
  deps: DunningDependencies,
  payload: z.output<typeof ZInvoiceChargePayload>,
): Promise<ChargeAttemptOutcome> {
  const { em, clock } = ctx;
  const invoice = await em.findOne(
    Invoice,
    { publicId: payload.invoice },
    { populate: ["merchant"], refresh: true },
  );
  if (!invoice || invoice.status !== "open" || invoice.collectionMethod !== "charge_automatically") {
    return "skipped";
  }
  const retryDays = invoice.merchant.getEntity().dunningRetryDays;
  const finalAttempt = payload.attempt > retryDays.length;
  let payment: IPayment | null = null;
  let replayed = false;
  try {
    const result = await payInvoice(em, clock, {
      invoice,
      idempotencyKey: `auto-charge:${invoice.publicId}:${payload.attempt}`,
      actor: SYSTEM_ACTOR,
      finalAttempt,
    });
    if (result.invoice.status === "paid" || result.payment?.status === "succeeded") return "succeeded";
    ({ payment, replayed } = result);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (MOOT.has(error.reason)) return "skipped";
    if (error.reason !== "NO_PAYMENT_METHOD") throw error;
  }
  if (payment?.status === "processing") return "processing";
  await recordChargeFailure(em, clock, deps, {
    invoiceId: invoice.id,
    attempt: payload.attempt,
    finalAttempt,
    payment,
    scheduledAt: payload.scheduledAt ? new Date(payload.scheduledAt) : null,
    replayed,
  });
  return "failed";
}

/** The `invoice.charge` handler; not transactional, as it waits on the gateway. */
export function invoiceChargeJob(deps: DunningDependencies) {
  return defineJobHandler(
    INVOICE_CHARGE_JOB,
    ZInvoiceChargePayload,
    async (ctx, payload) => {
      const outcome = await chargeInvoice(ctx, deps, payload);
      ctx.log.info({ invoice: payload.invoice, attempt: payload.attempt, outcome }, "invoice charge attempt");
    },
    { transactional: false },
  );
}
