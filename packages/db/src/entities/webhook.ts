import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  counterColumn,
  createdAtColumn,
  idColumn,
  metadataColumn,
  publicIdColumn,
  updatedAtColumn,
  urlColumn,
} from "./columns.js";
import { Merchant } from "./merchant.js";

/** A merchant URL that receives signed event notifications. */
export const WebhookEndpoint = defineEntity({
  name: "WebhookEndpoint",
  tableName: "webhook_endpoint",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("we"),
    merchant: () => p.manyToOne(Merchant).ref(),
    url: urlColumn(),
    description: p.string().length(500).nullable(),
    /** HMAC-SHA256 signing secret (`whsec_…`), kept as given: signing needs it in clear. */
    secret: p.string().length(255).hidden(),
    /** Event types delivered (`invoice.paid`); `*` for all. */
    events: p.array(),
    active: p.boolean().default(true),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant"] }],
});
export type IWebhookEndpoint = InferEntity<typeof WebhookEndpoint>;

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event to one endpoint, with its retry state: `pending` until a 2xx
 * (`succeeded`) or the attempts run out (`failed`). Unique per (endpoint, event) so an
 * event is enqueued once per endpoint.
 */
export const WebhookDelivery = defineEntity({
  name: "WebhookDelivery",
  tableName: "webhook_delivery",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("wd"),
    merchant: () => p.manyToOne(Merchant).ref(),
    endpoint: () => p.manyToOne(WebhookEndpoint).ref().deleteRule("cascade"),
    /** `whevt_…`, the same for every endpoint that receives the event. */
    eventId: p.string().length(64),
    eventType: p.string().length(100),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum([...WEBHOOK_DELIVERY_STATUSES]).default("pending"),
    attemptCount: counterColumn(),
    nextAttemptAt: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    responseStatus: p.integer().nullable(),
    /** First few KB of the response body. */
    responseBody: p.text().nullable(),
    durationMs: p.integer().nullable(),
    error: p.text().nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["endpoint", "eventId"] }],
  indexes: [{ properties: ["endpoint", "createdAt"] }, { properties: ["status", "nextAttemptAt"] }],
});
export type IWebhookDelivery = InferEntity<typeof WebhookDelivery>;
