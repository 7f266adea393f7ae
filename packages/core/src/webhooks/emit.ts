import { Job, newPublicId, WebhookDelivery, WebhookEndpoint, type EntityManager } from "@portico/db";
import { webhookDeliverJobInput } from "./deliver-job.js";
import {
  ALL_WEBHOOK_EVENTS,
  buildWebhookEventPayload,
  type WebhookEventSource,
  type WebhookEventType,
} from "./events.js";

export interface EmitEventInput<T extends WebhookEventType> {
  /** Internal id of the merchant whose endpoints hear the event. */
  merchantId: number;
  type: T;
  /** The row the event is about, as it is after the change (see WebhookEventSource). */
  data: WebhookEventSource<T>;
  /** The business clock's time of the change. */
  occurredAt: Date;
}

export interface EmittedEvent {
  /** `whevt_…` */
  id: string;
  /** Endpoints the event is queued for (0: nobody listens, nothing was written). */
  deliveries: number;
}

/**
 * Queues event `type` for every active endpoint of the merchant that subscribed to it (or
 * to `*`): one WebhookDelivery and one `webhook.deliver` job each, all persisted on `em`
 * without flushing. Call it where the change happens, before the flush or inside the
 * transaction that commits it: the event then exists if and only if the change committed.
 * The job rows are created as entities, not through enqueueJob's immediate INSERT, so that
 * outside a transaction too they are written by the same flush as the change.
 */
export async function emitEvent<T extends WebhookEventType>(
  em: EntityManager,
  input: EmitEventInput<T>,
): Promise<EmittedEvent> {
  const id = newPublicId("whevt");
  const endpoints = (
    await em.find(
      WebhookEndpoint,
      { merchant: input.merchantId, active: true },
      { orderBy: { id: "asc" }, flushMode: "commit" },
    )
  ).filter(
    (endpoint) => endpoint.events.includes(ALL_WEBHOOK_EVENTS) || endpoint.events.includes(input.type),
  );
  if (endpoints.length === 0) return { id, deliveries: 0 };

  const payload = await buildWebhookEventPayload(em, {
    id,
    type: input.type,
    source: input.data,
    occurredAt: input.occurredAt,
  });
  // Due at once on the worker's clock, also when the business clock is a test clock ahead of it.
  const dueAt = new Date(Math.min(input.occurredAt.getTime(), Date.now()));
  for (const endpoint of endpoints) {
    const delivery = em.create(WebhookDelivery, {
      publicId: newPublicId("wd"),
      merchant: input.merchantId,
      endpoint,
      eventId: id,
      eventType: input.type,
      payload: { ...payload },
      status: "pending",
      nextAttemptAt: dueAt,
      createdAt: input.occurredAt,
      updatedAt: input.occurredAt,
    });
    em.create(
      Job,
      webhookDeliverJobInput({
        delivery: delivery.publicId,
        merchantId: input.merchantId,
        attempt: 1,
        runAt: dueAt,
      }),
    );
  }
  return { id, deliveries: endpoints.length };
}
