import type { IMeter, MeterAggregation } from "@portico/db";

/** A meter as integrators and the portal see it. */
export interface MeterDto {
  id: string;
  eventName: string;
  displayName: string;
  aggregation: MeterAggregation;
  /** The property whose distinct values a unique_count meter counts; null for the others. */
  valueProperty: string | null;
  unitLabel: string | null;
  active: boolean;
  createdAt: string;
}

export function toMeterDto(meter: IMeter): MeterDto {
  return {
    id: meter.publicId,
    eventName: meter.eventName,
    displayName: meter.displayName,
    aggregation: meter.aggregation,
    valueProperty: meter.valueProperty ?? null,
    unitLabel: meter.unitLabel ?? null,
    active: meter.active,
    createdAt: meter.createdAt.toISOString(),
  };
}

/** What one ingestion call did. */
export interface UsageIngestResultDto {
  /** Events stored (and counted) by this call. */
  accepted: number;
  /** Events whose id was already stored, or repeated earlier in the batch: ignored. */
  duplicates: number;
}

/** Usage of one UTC day (`YYYY-MM-DD`), for a chart. */
export interface DailyUsageDto {
  date: string;
  quantity: number;
}

/** One metered subscription item's usage in its current billing period. */
export interface MeterUsageDto {
  meter: Pick<MeterDto, "id" | "eventName" | "displayName" | "aggregation" | "unitLabel">;
  subscription: string;
  price: string;
  /** ISO 4217 of the amounts, the price's currency. */
  currency: string;
  period: { start: string; end: string };
  /** The meter's aggregate so far this period. */
  quantity: number;
  /** What `quantity` costs at the price, in minor units. */
  amount: number;
  /** Where quantity and amount will likely be at the period's end (see projectQuantity). */
  projected: { quantity: number; amount: number };
  /**
   * Per UTC day from the period's first day to today, zero-filled. The first and last days
   * may hold usage from outside the period when the period does not start at midnight UTC.
   */
  daily: DailyUsageDto[];
}

export interface CurrentUsageDto {
  customer: string;
  /** The instant the figures were computed at. */
  asOf: string;
  meters: MeterUsageDto[];
}

/** A customer's aggregate for one meter and billing period, for the invoice builder. */
export interface PeriodUsage {
  quantity: number;
  eventCount: number;
}
