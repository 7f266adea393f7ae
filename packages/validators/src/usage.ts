import { z } from "zod";
import { ZCustomerRef } from "./integration.js";

/**
 * Inputs of `integration.meters` and `integration.usage`. METER_AGGREGATION_VALUES mirrors
 * @portico/db METER_AGGREGATIONS (a test in @portico/api keeps them equal). Rules that
 * depend on stored data or the clock (timestamp window, a unique_count meter's property,
 * valueProperty per aggregation) are core's, which names each offending event.
 */

export const METER_AGGREGATION_VALUES = ["sum", "count", "max", "unique_count"] as const;

/** Events per ingestion call. */
export const USAGE_BATCH_MAX = 1000;

const ZEventName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/,
    "1 to 100 letters, digits and _ . : -, starting with a letter or digit.",
  );

export const ZMeterId = z
  .string()
  .max(40)
  .regex(/^mtr_[a-z2-7]+$/, "Expected a mtr_… id.");

export const ZCreateMeterInput = z.strictObject({
  /** The `eventName` of the usage events this meter aggregates (`api_requests`). */
  eventName: ZEventName,
  displayName: z.string().trim().min(1).max(200),
  aggregation: z.enum(METER_AGGREGATION_VALUES),
  /** unique_count only (required there): the event property whose distinct values are counted. */
  valueProperty: z.string().trim().min(1).max(100).optional(),
  /** Shown next to quantities ("requests", "GB"). */
  unitLabel: z.string().trim().min(1).max(40).optional(),
});
export type TCreateMeterInput = z.infer<typeof ZCreateMeterInput>;

export const ZListMetersInput = z.strictObject({ active: z.boolean().optional() }).optional();
export type TListMetersInput = z.infer<typeof ZListMetersInput>;

export const ZMeterIdInput = z.strictObject({ id: ZMeterId });
export type TMeterIdInput = z.infer<typeof ZMeterIdInput>;

export const ZUsageEvent = z.strictObject({
  /** Your idempotency key for the event, unique per merchant: resending it is harmless. */
  id: z.string().min(1).max(255),
  customer: ZCustomerRef,
  eventName: ZEventName,
  /** Quantity for sum and max meters (default 1); ≥ 0, checked by the API. */
  value: z.number().optional(),
  properties: z
    .record(z.string().min(1).max(100), z.union([z.string().max(500), z.number(), z.boolean()]))
    .refine((p) => Object.keys(p).length <= 50, "At most 50 properties.")
    .optional(),
  /** ISO 8601 with an offset; up to 35 days ago and 5 minutes ahead. Defaults to now. */
  timestamp: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
});
export type TUsageEvent = z.infer<typeof ZUsageEvent>;

export const ZIngestUsageInput = z.strictObject({
  events: z.array(ZUsageEvent).min(1).max(USAGE_BATCH_MAX),
});
export type TIngestUsageInput = z.infer<typeof ZIngestUsageInput>;
