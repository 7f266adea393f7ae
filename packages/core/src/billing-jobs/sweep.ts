import { Invoice, type EntityManager } from "@portico/db";
import { z } from "zod";
import type { Clock } from "../clock.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { defineJobHandler } from "../jobs/handlers.js";
import { refreshPayment } from "../payments/settle.js";
import { enqueueDueRenewals } from "../subscriptions/renew-job.js";
import { expireWalletCredits } from "../wallets/expire.js";
import { enqueueInvoiceCharge } from "./charge-job.js";

/** The periodic job that finds due billing work and queues it (see sweepBilling). */
export const BILLING_SWEEP_JOB = "billing.sweep";

/** Rows one sweep handles per kind; the rest waits for the next sweep. */
export const SWEEP_BATCH = 500;

/** Completed sweep jobs are deleted after a day (one per interval would pile up otherwise). */
const KEEP_SWEEPS_MS = 24 * 60 * 60_000;

export interface SweepScope {
  /** A test clock's internal id; null: everything not on a test clock. */
  testClockId: number | null;
  limit?: number;
}

export interface DueWork {
  renewals: number;
  charges: number;
}

/**
 * Queues, in the caller's transaction, the renewals (period ends, automatic resumes) and the
 * dunning retries (open `charge_automatically` invoices whose `nextPaymentAttemptAt` has come)
 * due by `now` in one scope. Each has a singleton key (the boundary; the invoice and attempt
 * number), so any number of sweeps, in any number of processes, queue each once.
 */
export async function enqueueDueBillingWork(
  em: EntityManager,
  now: Date,
  scope: SweepScope,
): Promise<DueWork> {
  const limit = scope.limit ?? SWEEP_BATCH;
  const renewals = await enqueueDueRenewals(em, now, limit, { testClockId: scope.testClockId });
  const invoices = await em.find(
    Invoice,
    {
      status: "open",
      collectionMethod: "charge_automatically",
      nextPaymentAttemptAt: { $lte: now },
      ...(scope.testClockId === null
        ? { $or: [{ subscription: null }, { subscription: { testClock: null } }] }
        : { subscription: { testClock: scope.testClockId } }),
    },
    { orderBy: { nextPaymentAttemptAt: "asc", id: "asc" }, limit },
  );
  let charges = 0;
  for (const invoice of invoices) {
    const created = await enqueueInvoiceCharge(em, {
      invoice,
      attempt: invoice.attemptCount + 1,
      scheduledAt: invoice.nextPaymentAttemptAt ?? null,
      runAt: now,
      testClockId: scope.testClockId,
    });
    if (created) charges += 1;
  }
  return { renewals, charges };
}

/**
 * Asks the gateway about the `processing` payments of invoices in one scope (a test clock's
 * are settled on its time only, when it is advanced). Each on its own: one failing gateway
 * does not hold up the rest. Returns how many settled.
 */
export async function settleDuePayments(em: EntityManager, clock: Clock, scope: SweepScope): Promise<number> {
  const rows = await em.execute<{ id: string | number }[]>(
    `select "p"."id" from "payment" "p"
       left join "invoice" "i" on "i"."id" = "p"."invoice_id"
       left join "subscription" "s" on "s"."id" = "i"."subscription_id"
      where "p"."status" = 'processing' and "s"."test_clock_id" is not distinct from ?
      order by "p"."created_at", "p"."id" limit ?`,
    [scope.testClockId, scope.limit ?? SWEEP_BATCH],
  );
  let settled = 0;
  for (const row of rows) {
    try {
      const payment = await refreshPayment(em.fork(), clock, Number(row.id));
      if (payment.status !== "processing") settled += 1;
    } catch {
      // Asked again next sweep.
    }
  }
  return settled;
}

export interface SweepSummary extends DueWork {
  settled: number;
  expiredCredits: number;
}

/**
 * One sweep on the wall clock: queue due renewals and dunning retries, settle processing
 * payments, write off lapsed wallet credits, and forget sweeps older than a day. The gateway
 * calls run with no transaction open.
 */
export async function sweepBilling(em: EntityManager, clock: Clock): Promise<SweepSummary> {
  const now = clock.now();
  const scope: SweepScope = { testClockId: null };
  const due = await em.transactional((tx) => enqueueDueBillingWork(tx, now, scope));
  const settled = await settleDuePayments(em, clock, scope);
  const { expired } = await expireWalletCredits(em.fork(), clock);
  await em.execute(`delete from "job" where "name" = ? and "status" = 'completed' and "completed_at" < ?`, [
    BILLING_SWEEP_JOB,
    new Date(now.getTime() - KEEP_SWEEPS_MS),
  ]);
  return { ...due, settled, expiredCredits: expired };
}

export const billingSweepJob = defineJobHandler(
  BILLING_SWEEP_JOB,
  z.object({}),
  async (ctx) => {
    const summary = await sweepBilling(ctx.em, ctx.clock);
    ctx.log.info(summary, "billing sweep");
  },
  { transactional: false },
);

/**
 * Queues the sweep of the interval `now` falls in, once however many processes ask (the
 * singleton key names the interval's start). Returns whether this call queued it.
 */
export async function enqueueBillingSweep(
  em: EntityManager,
  now: Date,
  intervalMs: number,
): Promise<boolean> {
  const bucket = new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
  const job = await enqueueJob(em, {
    name: BILLING_SWEEP_JOB,
    payload: {},
    runAt: now,
    priority: 1,
    maxAttempts: 1,
    singletonKey: `${BILLING_SWEEP_JOB}:${bucket.toISOString()}`,
  });
  return job.created;
}
