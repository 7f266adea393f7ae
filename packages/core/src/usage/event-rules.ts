import type { MeterAggregation } from "@portico/db";

/** Events per `ingestUsage` call. */
export const MAX_USAGE_BATCH = 1000;
/** How old an event's timestamp may be (Stripe's meter events accept 35 days). */
export const MAX_EVENT_AGE_MS = 35 * 86_400_000;
/** How far ahead of the clock a timestamp may be: client clocks drift. */
export const MAX_EVENT_LEAD_MS = 5 * 60_000;
/** Largest value of one event; aggregates are numeric(24, 6), so sums keep ample headroom. */
export const MAX_EVENT_VALUE = 1e12;

/** What a caller reports for one usage event. */
export interface UsageEventInput {
  /** The caller's idempotency key, unique per merchant: a second event with it is a duplicate. */
  id: string;
  /** Portico's customer id (`cus_…`) or the merchant's external id. */
  customer: string;
  eventName: string;
  /** The quantity for sum and max meters; 1 when omitted. Count meters count events, whatever it is. */
  value?: number;
  /** Flat key → value data; a unique_count meter counts the distinct values of its `valueProperty`. */
  properties?: Record<string, string | number | boolean>;
  /** When the usage happened; the clock's now when omitted. */
  timestamp?: Date;
}

export const USAGE_EVENT_REJECTIONS = [
  "ID_INVALID",
  "EVENT_NAME_INVALID",
  "VALUE_INVALID",
  "TIMESTAMP_INVALID",
  "TIMESTAMP_TOO_OLD",
  "TIMESTAMP_IN_FUTURE",
  "VALUE_PROPERTY_MISSING",
] as const;
export type UsageEventRejection = (typeof USAGE_EVENT_REJECTIONS)[number];

/** What the meter listening to an event needs of it. */
export interface ListeningMeter {
  aggregation: MeterAggregation;
  valueProperty?: string | null;
}

/**
 * The distinct-value key a unique_count meter takes from an event: its `valueProperty`
 * as text (strings as they are, finite numbers in JS notation); null when absent or not
 * a string or number.
 */
export function uniqueValueOf(event: UsageEventInput, meter: ListeningMeter): string | null {
  if (meter.aggregation !== "unique_count" || !meter.valueProperty) return null;
  const raw = event.properties?.[meter.valueProperty];
  if (typeof raw === "string" && raw.length > 0) return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

/** Why one event cannot be ingested at `now`, or null when it can. */
export function eventRejection(
  event: UsageEventInput,
  meter: ListeningMeter | undefined,
  now: Date,
): UsageEventRejection | null {
  if (event.id.length === 0 || event.id.length > 255) return "ID_INVALID";
  if (event.eventName.length === 0 || event.eventName.length > 100) return "EVENT_NAME_INVALID";
  const value = event.value ?? 1;
  if (!Number.isFinite(value) || value < 0 || value > MAX_EVENT_VALUE) return "VALUE_INVALID";
  const at = event.timestamp ?? now;
  if (Number.isNaN(at.getTime())) return "TIMESTAMP_INVALID";
  if (at.getTime() < now.getTime() - MAX_EVENT_AGE_MS) return "TIMESTAMP_TOO_OLD";
  if (at.getTime() > now.getTime() + MAX_EVENT_LEAD_MS) return "TIMESTAMP_IN_FUTURE";
  if (meter?.aggregation === "unique_count" && uniqueValueOf(event, meter) === null) {
    return "VALUE_PROPERTY_MISSING";
  }
  return null;
}
