import { type EntityManager, type ISubscription, queueAuditEvent } from "@portico/db";
import { type Actor, actorFields } from "../actor.js";
import { emitEvent } from "../webhooks/emit.js";

/**
 * Queues the AuditEvent of one subscription state change (`Subscription.<Verb>`) and the
 * matching outbound webhook event, in the same flush: every change goes through here, so
 * `subscription.created` / `.canceled` / `.updated` are announced exactly once each.
 */
export async function recordSubscriptionEvent(
  em: EntityManager,
  actor: Actor,
  subscription: ISubscription,
  action: string,
  at: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  queueAuditEvent(em, {
    merchant: subscription.merchant.id,
    customer: subscription.customer.id,
    ...actorFields(actor),
    action: `Subscription.${action}`,
    targetType: "subscription",
    targetId: subscription.publicId,
    data,
    at,
  });
  const type =
    action === "Created"
      ? "subscription.created"
      : action === "Canceled"
        ? "subscription.canceled"
        : "subscription.updated";
  await emitEvent(em, { merchantId: subscription.merchant.id, type, data: subscription, occurredAt: at });
}
