import { WebhookDelivery, type EntityManager } from "@portico/db";
import { z } from "zod";
import type { Clock } from "../clock.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { defineJobHandler } from "../jobs/handlers.js";
import { PORTICO_VERSION } from "../system/version.js";
import { postWebhook } from "./http-post.js";
import { webhookRetryDelayMs } from "./retry-schedule.js";
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from "./signature.js";
import { STRICT_WEBHOOK_TARGETS, type WebhookTargetPolicy } from "./target-policy.js";

/** The job that makes one attempt of one delivery. */
export const WEBHOOK_DELIVER_JOB = "webhook.deliver";

/**
 * Runs of one job before the queue gives up on it. They only cover Portico's own failures
 * (the database while recording): a receiver's failure is recorded, and the next attempt is
 * a new job on WEBHOOK_RETRY_DELAYS_MS.
 */
export const WEBHOOK_DELIVER_JOB_MAX_ATTEMPTS = 3;

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

export const ZWebhookDeliverPayload = z.object({
  /** `wd_…` */
  delivery: z.string().min(1),
  /** The attempt this job makes (1-based): a job whose attempt was made meanwhile does nothing. */
  attempt: z.number().int().min(1),
});
export type TWebhookDeliverPayload = z.infer<typeof ZWebhookDeliverPayload>;

/** The job row for one attempt, for em.create(Job, …) or enqueueJob. */
export function webhookDeliverJobInput(input: {
  delivery: string;
  merchantId: number;
  attempt: number;
  runAt: Date;
}) {
  const payload: TWebhookDeliverPayload = { delivery: input.delivery, attempt: input.attempt };
  return {
    name: WEBHOOK_DELIVER_JOB,
    payload,
    runAt: input.runAt,
    maxAttempts: WEBHOOK_DELIVER_JOB_MAX_ATTEMPTS,
    merchant: input.merchantId,
  };
}

export interface WebhookDeliveryOptions extends Partial<WebhookTargetPolicy> {
  /** For the whole HTTP exchange; default 10 s. */
  timeoutMs?: number;
}

export type WebhookAttemptOutcome = "succeeded" | "retrying" | "failed" | "skipped";

/**
 * Makes attempt `payload.attempt` of a delivery: claims it (the attempt counter moves from
 * attempt − 1 to attempt only once, so two jobs for one attempt — a resend racing a
 * scheduled retry — send once), POSTs the event signed with the endpoint's current secret
 * and URL, and records the answer. A failure schedules the next attempt, or leaves the
 * delivery `failed` when the schedule is used up. A delivery that is no longer pending, or
 * whose endpoint was disabled (it becomes `failed`, unsent) or deleted, is skipped.
 *
 * Outside any transaction while the request is in flight; at-least-once: a worker that
 * dies after sending repeats the attempt (`rerun`), so receivers deduplicate on the event id.
 * Deliveries of one endpoint are independent jobs: they may arrive out of order.
 */
export async function deliverWebhook(
  em: EntityManager,
  clock: Clock,
  payload: TWebhookDeliverPayload,
  options: WebhookDeliveryOptions & { rerun?: boolean } = {},
): Promise<WebhookAttemptOutcome> {
  const { attempt } = payload;
  const delivery = await em.findOne(
    WebhookDelivery,
    { publicId: payload.delivery },
    { populate: ["endpoint"] },
  );
  if (!delivery || delivery.status !== "pending") return "skipped";
  // A run of this job that died after claiming the attempt may make it again.
  const redo = options.rerun === true && delivery.attemptCount === attempt;
  if (!redo && delivery.attemptCount !== attempt - 1) return "skipped";
  const endpoint = delivery.endpoint.getEntity();
  const startedAt = clock.now();
  if (!endpoint.active) {
    await em.nativeUpdate(
      WebhookDelivery,
      { id: delivery.id, status: "pending" },
      {
        status: "failed",
        nextAttemptAt: null,
        error: "Not sent: the endpoint is disabled.",
        updatedAt: startedAt,
      },
    );
    return "skipped";
  }
  if (!redo) {
    const claimed = await em.nativeUpdate(
      WebhookDelivery,
      { id: delivery.id, status: "pending", attemptCount: attempt - 1 },
      { attemptCount: attempt, lastAttemptAt: startedAt, nextAttemptAt: null, updatedAt: startedAt },
    );
    if (claimed === 0) return "skipped";
  }

  const body = JSON.stringify(delivery.payload);
  const result = await postWebhook(
    endpoint.url,
    body,
    {
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": `Portico-Webhooks/${PORTICO_VERSION}`,
      "Portico-Event-Id": delivery.eventId,
      "Portico-Event-Type": delivery.eventType,
      [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(
        endpoint.secret,
        body,
        Math.floor(startedAt.getTime() / 1000),
      ),
    },
    {
      allowInsecure: options.allowInsecure ?? STRICT_WEBHOOK_TARGETS.allowInsecure,
      timeoutMs: options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    },
  );

  const at = clock.now();
  const delay = result.ok ? null : webhookRetryDelayMs(attempt);
  const outcome: WebhookAttemptOutcome = result.ok ? "succeeded" : delay === null ? "failed" : "retrying";
  const nextAttemptAt = delay === null ? null : new Date(at.getTime() + delay);
  await em.transactional(async (tx) => {
    const recorded = await tx.nativeUpdate(
      WebhookDelivery,
      { id: delivery.id, attemptCount: attempt },
      {
        status: outcome === "retrying" ? "pending" : outcome,
        responseStatus: result.status,
        responseBody: result.body,
        durationMs: result.durationMs,
        error: result.error,
        nextAttemptAt,
        lastAttemptAt: startedAt,
        ...(result.ok ? { deliveredAt: at } : {}),
        updatedAt: at,
      },
    );
    // 0: a resend made the next attempt meanwhile; its answer is the one to keep.
    if (recorded === 1 && nextAttemptAt) {
      await enqueueJob(
        tx,
        webhookDeliverJobInput({
          delivery: delivery.publicId,
          merchantId: delivery.merchant.id,
          attempt: attempt + 1,
          runAt: nextAttemptAt,
        }),
      );
    }
  });
  return outcome;
}

/** The `webhook.deliver` handler, with the process's target policy and timeout. */
export function webhookDeliverJob(options: WebhookDeliveryOptions = {}) {
  return defineJobHandler(
    WEBHOOK_DELIVER_JOB,
    ZWebhookDeliverPayload,
    async (ctx, payload) => {
      const outcome = await deliverWebhook(ctx.em, ctx.clock, payload, {
        ...options,
        rerun: ctx.job.attempts > 1,
      });
      ctx.log.info({ delivery: payload.delivery, attempt: payload.attempt, outcome }, "webhook attempt");
    },
    // The request can take seconds: no transaction stays open meanwhile.
    { transactional: false },
  );
}
