import type { EntityManager } from "@portico/db";
import { z } from "zod";
import { enqueueInvoiceCharge } from "../billing-jobs/charge-job.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { defineJobHandler } from "../jobs/handlers.js";
import { dueRenewals, renewSubscription } from "./renew.js";

/** The job that brings one subscription up to date (renewSubscription). */
export const SUBSCRIPTION_RENEW_JOB = "subscription.renew";

export const ZSubscriptionRenewPayload = z.object({
  /** `sub_…` */
  subscription: z.string().min(1),
});

/**
 * Renews in the job's transaction (database only), and queues in the same transaction the
 * charge of each invoice it leaves open for automatic collection (`RenewalResult.toCharge`,
 * the `invoice.charge` job; `send_invoice` invoices wait for the customer until they are due).
 */
export const subscriptionRenewJob = defineJobHandler(
  SUBSCRIPTION_RENEW_JOB,
  ZSubscriptionRenewPayload,
  async (ctx, payload) => {
    const result = await renewSubscription(ctx.em, ctx.clock, payload.subscription);
    for (const invoice of result.toCharge) {
      await enqueueInvoiceCharge(ctx.em, {
        invoice,
        attempt: invoice.attemptCount + 1,
        runAt: ctx.clock.now(),
        testClockId: result.subscription.testClock?.id ?? null,
      });
    }
    ctx.log.info({ subscription: payload.subscription, steps: result.steps.length }, "subscription renewed");
  },
);

/** A renewal that failed for good is queued again by the next sweep after this long. */
const REVIVE_FAILED_RENEWAL_MS = 60 * 60_000;

/**
 * Enqueues a renewal job for each subscription with a boundary due by `now` (dueRenewals), at
 * most `limit`; the billing sweep calls it periodically. The singleton key names the boundary,
 * so sweeping twice enqueues each renewal once; a renewal job that failed for good is queued
 * again an hour later (the boundary stays due, so it must not be dropped). With `testClockId`,
 * that clock's subscriptions, as jobs of the clock. Returns how many jobs were new.
 */
export async function enqueueDueRenewals(
  em: EntityManager,
  now: Date,
  limit: number,
  options: { testClockId?: number | null } = {},
): Promise<number> {
  let created = 0;
  const testClockId = options.testClockId ?? null;
  for (const due of await dueRenewals(em, now, limit, { testClockId })) {
    const job = await enqueueJob(em, {
      name: SUBSCRIPTION_RENEW_JOB,
      payload: { subscription: due.subscription },
      runAt: now,
      singletonKey: `renew:${due.subscription}:${due.dueAt.toISOString()}`,
      merchant: due.merchantId,
      testClock: testClockId,
      reviveFailedAfterMs: REVIVE_FAILED_RENEWAL_MS,
    });
    if (job.created) created += 1;
  }
  return created;
}
