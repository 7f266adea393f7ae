import { defineEntity, type InferEntity } from "@mikro-orm/core";
import { createdAtColumn, idColumn, publicIdColumn, quantityColumn, updatedAtColumn } from "./columns.js";
import { Customer } from "./customer.js";
import { Merchant } from "./merchant.js";
import { Subscription } from "./subscription.js";

export const METER_AGGREGATIONS = ["sum", "count", "max", "unique_count"] as const;
export type MeterAggregation = (typeof METER_AGGREGATIONS)[number];

/**
 * What is measured: events named `eventName` aggregated by `aggregation` over
 * `valueProperty` of their properties (the event's `value` for sum / max; the property's
 * distinct values for unique_count; nothing for count).
 */
export const Meter = defineEntity({
  name: "Meter",
  tableName: "meter",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("mtr"),
    merchant: () => p.manyToOne(Merchant).ref(),
    eventName: p.string().length(100),
    displayName: p.string().length(200),
    aggregation: p.enum([...METER_AGGREGATIONS]),
    valueProperty: p.string().length(100).nullable(),
    /** Shown next to quantities ("API calls", "GB"). */
    unitLabel: p.string().length(40).nullable(),
    active: p.boolean().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "eventName"] }],
});
export type IMeter = InferEntity<typeof Meter>;

/**
 * One raw usage event. This table is expected to hold tens of millions of rows, so it is
 * kept lean on purpose:
 * - no `publicId`: the caller's `idempotencyKey` (unique per merchant) already names the
 *   event in the API, as Stripe's meter-event `identifier` does; a second random id would
 *   add ~40 bytes per row plus another unique index of the same size for nothing;
 * - no `updatedAt` / `createdAt`: events are immutable; `ingestedAt` is the insert time;
 * - `properties` is null when the event has none.
 * Reads for the portal come from UsageAggregate, not from here.
 */
export const UsageEvent = defineEntity({
  name: "UsageEvent",
  tableName: "usage_event",
  properties: (p) => ({
    id: idColumn(),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    /** Resolved from `eventName` at ingestion; null when no meter listens to it (yet). */
    meter: () => p.manyToOne(Meter).ref().nullable(),
    eventName: p.string().length(100),
    idempotencyKey: p.string().length(255),
    value: quantityColumn().default(1),
    properties: p.json<Record<string, unknown>>().nullable(),
    occurredAt: p.datetime(),
    ingestedAt: createdAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "idempotencyKey"] }],
  indexes: [
    { properties: ["customer", "meter", "occurredAt"] },
    { properties: ["customer", "occurredAt", "id"] },
  ],
});
export type IUsageEvent = InferEntity<typeof UsageEvent>;

export const USAGE_GRANULARITIES = ["day", "period"] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

/**
 * Per-customer, per-meter running totals, kept up to date at ingestion so reading current
 * usage never scans raw events: one row per UTC day (`day`) and one per billing period
 * (`period`, tied to the subscription). `uniqueValues` holds the distinct values seen, for
 * unique_count meters. An internal read model: no public id.
 */
export const UsageAggregate = defineEntity({
  name: "UsageAggregate",
  tableName: "usage_aggregate",
  properties: (p) => ({
    id: idColumn(),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    meter: () => p.manyToOne(Meter).ref(),
    subscription: () => p.manyToOne(Subscription).ref().nullable(),
    granularity: p.enum([...USAGE_GRANULARITIES]),
    periodStart: p.datetime(),
    periodEnd: p.datetime(),
    value: quantityColumn().default(0),
    eventCount: p.bigint("number").default(0),
    uniqueValues: p.json<string[]>().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [
    {
      name: "usage_aggregate_bucket_unique",
      properties: ["customer", "meter", "granularity", "periodStart"],
    },
  ],
  indexes: [{ properties: ["subscription"] }],
});
export type IUsageAggregate = InferEntity<typeof UsageAggregate>;
