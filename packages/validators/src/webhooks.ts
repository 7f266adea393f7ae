import { z } from "zod";
import { pageOf, ZMetadata, ZMetadataPatch } from "./common.js";
import { publicIdOf } from "./integration.js";

/**
 * Inputs of `integration.webhookEndpoints`. WEBHOOK_EVENT_TYPE_VALUES mirrors @portico/core
 * WEBHOOK_EVENT_TYPES (a test in @portico/api keeps them equal); the URL policy (https, public
 * host) and the secret are core's.
 */
export const WEBHOOK_EVENT_TYPE_VALUES = [
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "subscription.created",
  "subscription.updated",
  "subscription.canceled",
  "invoice.finalized",
  "invoice.paid",
  "invoice.voided",
  "payment.succeeded",
  "payment.failed",
  "payment.refunded",
  "portal.session.completed",
] as const;

/** Mirrors @portico/db WEBHOOK_DELIVERY_STATUSES. */
export const WEBHOOK_DELIVERY_STATUS_VALUES = ["pending", "succeeded", "failed"] as const;

/** An event type, or `*` for every type. */
export const ZWebhookEventSelector = z.enum([...WEBHOOK_EVENT_TYPE_VALUES, "*"]);

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/ }));
const ZWebhookEvents = z
  .array(ZWebhookEventSelector)
  .min(1)
  .max(WEBHOOK_EVENT_TYPE_VALUES.length + 1);
const ZDescription = z.string().trim().max(500);

export const ZWebhookEndpointId = publicIdOf("we");
export const ZWebhookDeliveryId = publicIdOf("wd");

export const ZCreateWebhookEndpointInput = z.strictObject({
  url: ZWebhookUrl,
  events: ZWebhookEvents,
  description: ZDescription.optional(),
  metadata: ZMetadata.optional(),
});
export type TCreateWebhookEndpointInput = z.infer<typeof ZCreateWebhookEndpointInput>;

export const ZUpdateWebhookEndpointInput = z.strictObject({
  endpoint: ZWebhookEndpointId,
  url: ZWebhookUrl.optional(),
  events: ZWebhookEvents.optional(),
  /** false: nothing is sent until it is true again. */
  active: z.boolean().optional(),
  /** null or "" removes it. */
  description: ZDescription.nullable().optional(),
  metadata: ZMetadataPatch.optional(),
});
export type TUpdateWebhookEndpointInput = z.infer<typeof ZUpdateWebhookEndpointInput>;

export const ZWebhookEndpointRefInput = z.strictObject({ endpoint: ZWebhookEndpointId });
export type TWebhookEndpointRefInput = z.infer<typeof ZWebhookEndpointRefInput>;

export const ZListWebhookEndpointsInput = pageOf(ZWebhookEndpointId);
export type TListWebhookEndpointsInput = z.infer<typeof ZListWebhookEndpointsInput>;

export const ZListWebhookDeliveriesInput = pageOf(ZWebhookDeliveryId).extend({
  endpoint: ZWebhookEndpointId,
  status: z.enum(WEBHOOK_DELIVERY_STATUS_VALUES).optional(),
});
export type TListWebhookDeliveriesInput = z.infer<typeof ZListWebhookDeliveriesInput>;

export const ZResendWebhookDeliveryInput = z.strictObject({ delivery: ZWebhookDeliveryId });
export type TResendWebhookDeliveryInput = z.infer<typeof ZResendWebhookDeliveryInput>;
