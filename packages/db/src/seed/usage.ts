import { UsageAggregate, UsageEvent, type IMeter, type ISubscription } from "../entities/index.js";
import type { SeedContext } from "./context.js";
import type { DemoCustomer } from "./customers.js";
import { addDays, addMinutes, isoDay, minDate, type Period } from "./dates.js";

/**
 * Metered usage: one event per hour (what an API gateway reporting hourly would send),
 * following a working-day curve — busy during US office hours, quiet at night and at
 * weekends, slowly growing, with the odd batch-import spike — plus the read model the
 * portal reads from: one UsageAggregate per UTC day and one per billing period.
 */

export const USAGE_DAYS = 60;

export interface UsageSample {
  occurredAt: Date;
  value: number;
  region: string;
}

/** Share of a day's traffic in each UTC hour: peaks 15:00–22:00 UTC (US office hours). */
const HOURLY_WEIGHTS = Array.from({ length: 24 }, (_, hour) => {
  const local = (hour + 24 - 7) % 24; // roughly US Pacific time
  return 0.25 + Math.max(0, Math.sin((Math.PI * (local - 7)) / 12)) ** 2 * 2.2;
});
const WEIGHT_SUM = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);

/** Hourly samples for the last USAGE_DAYS days up to `now` (today only up to the current hour). */
export function buildUsageSeries(ctx: SeedContext, baseDaily: number): UsageSample[] {
  const samples: UsageSample[] = [];
  const first = usageWindowStart(ctx);
  for (let d = 0; d < USAGE_DAYS; d++) {
    const day = addDays(first, d);
    const weekday = day.getUTCDay();
    const weekFactor = weekday === 0 ? 0.35 : weekday === 6 ? 0.45 : 1;
    const growth = 1 + (0.35 * d) / USAGE_DAYS;
    const spike = ctx.rng.chance(0.06) ? ctx.rng.between(1.8, 2.6) : 1;
    const daily = baseDaily * weekFactor * growth * spike * ctx.rng.between(0.88, 1.12);
    for (let hour = 0; hour < 24; hour++) {
      const occurredAt = addMinutes(day, hour * 60 + ctx.rng.int(0, 59) + ctx.rng.int(0, 59) / 60);
      const value = Math.max(
        1,
        Math.round(((daily * HOURLY_WEIGHTS[hour]!) / WEIGHT_SUM) * ctx.rng.between(0.9, 1.1)),
      );
      const region = ctx.rng.chance(0.72) ? "us-east-1" : "eu-west-1";
      if (occurredAt.getTime() < ctx.now.getTime()) samples.push({ occurredAt, value, region });
    }
  }
  return samples;
}

/** Σ values of the samples in [period.start, period.end). */
export function usageIn(samples: readonly UsageSample[], period: Period): number {
  const start = period.start.getTime();
  const end = period.end.getTime();
  return samples.reduce((total, s) => {
    const t = s.occurredAt.getTime();
    return t >= start && t < end ? total + s.value : total;
  }, 0);
}

/** Start of the retained usage window: periods that start here or later have all their events. */
export function usageWindowStart(ctx: SeedContext): Date {
  return addDays(ctx.today, -(USAGE_DAYS - 1));
}

export interface PersistUsageInput {
  customer: DemoCustomer;
  subscription: ISubscription;
  meter: IMeter;
  samples: readonly UsageSample[];
  /** Billing periods to keep a `period` aggregate for (the current and the last one). */
  periods: readonly Period[];
}

/** Writes the events and their daily and per-period aggregates (which equal the event sums). */
export function persistUsage(ctx: SeedContext, input: PersistUsageInput): void {
  const { em, merchant } = ctx;
  const { customer, subscription, meter, samples } = input;
  const daily = new Map<string, { start: Date; value: number; count: number; last: Date }>();
  for (const sample of samples) {
    const ingestedAt = minDate(addMinutes(sample.occurredAt, 1 + (sample.value % 4)), ctx.now);
    em.create(UsageEvent, {
      merchant,
      customer: customer.entity,
      meter,
      eventName: meter.eventName,
      idempotencyKey: `${customer.key}-gw-${sample.occurredAt.toISOString().slice(0, 13)}`,
      value: sample.value,
      properties: { region: sample.region, source: "api-gateway" },
      occurredAt: sample.occurredAt,
      ingestedAt,
    });
    const key = isoDay(sample.occurredAt);
    const bucket = daily.get(key) ?? {
      start: new Date(`${key}T00:00:00.000Z`),
      value: 0,
      count: 0,
      last: ingestedAt,
    };
    bucket.value += sample.value;
    bucket.count += 1;
    bucket.last = ingestedAt;
    daily.set(key, bucket);
  }
  for (const bucket of daily.values()) {
    em.create(UsageAggregate, {
      merchant,
      customer: customer.entity,
      meter,
      subscription,
      granularity: "day",
      periodStart: bucket.start,
      periodEnd: addDays(bucket.start, 1),
      value: bucket.value,
      eventCount: bucket.count,
      createdAt: bucket.start,
      updatedAt: bucket.last,
    });
  }
  for (const period of input.periods) {
    const inPeriod = samples.filter(
      (s) =>
        s.occurredAt.getTime() >= period.start.getTime() && s.occurredAt.getTime() < period.end.getTime(),
    );
    em.create(UsageAggregate, {
      merchant,
      customer: customer.entity,
      meter,
      subscription,
      granularity: "period",
      periodStart: period.start,
      periodEnd: period.end,
      value: inPeriod.reduce((total, s) => total + s.value, 0),
      eventCount: inPeriod.length,
      createdAt: period.start,
      updatedAt: minDate(period.end, ctx.now),
    });
  }
}
