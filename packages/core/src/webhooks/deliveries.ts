import { LockMode } from "@mikro-orm/core";
import {
  queueAuditEvent,
  WebhookDelivery,
  WebhookEndpoint,
  type EntityManager,
  type IWebhookDelivery,
  type WebhookDeliveryStatus,
} from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { webhookDeliverJobInput } from "./deliver-job.js";
import { resolveWebhookEndpoint } from "./endpoints.js";

export interface ListWebhookDeliveriesInput extends PageParams {
  /** `we_…` */
  endpoint: string;
  status?: WebhookDeliveryStatus;
}

/** An endpoint's delivery log, newest first, a keyset page at a time (endpoint loaded). */
export async function listWebhookDeliveries(
  em: EntityManager,
  merchantId: number,
  input: ListWebhookDeliveriesInput,
): Promise<Page<IWebhookDelivery>> {
  const endpoint = await resolveWebhookEndpoint(em, merchantId, input.endpoint);
  const limit = pageFetchLimit(input);
  const after = await keysetAfter(em, "webhook_delivery", merchantId, input.startingAfter);
  const rows = await em.find(
    WebhookDelivery,
    { endpoint, ...(input.status === undefined ? {} : { status: input.status }), ...after },
    { orderBy: NEWEST_FIRST, limit, populate: ["endpoint"] },
  );
  return toPage(rows, input);
}

export function webhookDeliveryNotFound(): AppError {
  return new AppError("NOT_FOUND", "WEBHOOK_DELIVERY_NOT_FOUND", "No such webhook delivery.");
}

/**
 * Sends a delivery again now, whatever its state: it becomes `pending` and its next attempt
 * runs at once (the same event, id and body, signed anew). That attempt counts like any
 * other: if it fails while the retry schedule has attempts left, retries follow; a
 * delivery that had used them up is `failed` again. Refused while the endpoint is disabled.
 */
export async function resendWebhookDelivery(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  ref: string,
): Promise<IWebhookDelivery> {
  return em.transactional(async (tx) => {
    const delivery = await tx.findOne(
      WebhookDelivery,
      { publicId: ref, merchant: actor.merchantId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!delivery) throw webhookDeliveryNotFound();
    const endpoint = await tx.findOneOrFail(WebhookEndpoint, delivery.endpoint.id);
    if (!endpoint.active) {
      throw new AppError(
        "CONFLICT",
        "WEBHOOK_ENDPOINT_DISABLED",
        "The endpoint is disabled; enable it before resending.",
        { details: { endpoint: endpoint.publicId } },
      );
    }
    const now = clock.now();
    delivery.status = "pending";
    delivery.nextAttemptAt = now;
    await enqueueJob(
      tx,
      webhookDeliverJobInput({
        delivery: delivery.publicId,
        merchantId: actor.merchantId,
        attempt: delivery.attemptCount + 1,
        runAt: now,
      }),
    );
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "WebhookDelivery.Resent",
        targetType: "webhook_delivery",
        targetId: delivery.publicId,
        data: { endpoint: endpoint.publicId, eventId: delivery.eventId },
        at: now,
      }),
    );
    return delivery;
  });
}
