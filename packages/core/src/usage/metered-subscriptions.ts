import type { EntityManager, ISubscription, PriceInterval, SubscriptionStatus } from "@portico/db";
import { periodContaining, type Period } from "../billing/periods.js";

/**
 * A subscription item billing a customer from a meter: where that meter's period totals
 * go. Plain values, so ingestion can load a batch's worth with one lean query.
 */
export interface MeteredSubscription {
  subscriptionId: number;
  customerId: number;
  meterId: number;
  startedAt: Date;
  endedAt: Date | null;
  billingCycleAnchor: Date;
  currentPeriod: Period;
  /** The metered price's recurrence. */
  interval: PriceInterval;
  intervalCount: number;
}

/** Subscriptions whose usage is shown as current: not ended, not yet started. */
export const LIVE_SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  "trialing",
  "active",
  "past_due",
  "paused",
];

const DAY_MS = 86_400_000;

/** The UTC day holding `at`: the bucket of a `day` aggregate. */
export function utcDayOf(at: Date): Period {
  const start = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/**
 * The billing period of `metered` that holds `at`: the subscription's current period when
 * `at` falls in it (the renewal job keeps it authoritative), otherwise the period counted
 * from the billing-cycle anchor at the metered price's interval. An instant equal to a
 * period's end belongs to the next period.
 */
export function billingPeriodAt(metered: MeteredSubscription, at: Date): Period {
  const t = at.getTime();
  const { currentPeriod } = metered;
  if (t >= currentPeriod.start.getTime() && t < currentPeriod.end.getTime()) return currentPeriod;
  const recurrence = { interval: metered.interval, intervalCount: metered.intervalCount };
  return periodContaining(metered.billingCycleAnchor, recurrence, at);
}

/**
 * Of the subscriptions billing one customer for one meter, the one running at `at`
 * (started by then and not yet ended); the latest started wins if several were.
 */
export function meteredSubscriptionAt(
  candidates: readonly MeteredSubscription[],
  at: Date,
): MeteredSubscription | undefined {
  const t = at.getTime();
  let found: MeteredSubscription | undefined;
  for (const candidate of candidates) {
    const { startedAt, endedAt } = candidate;
    if (startedAt.getTime() > t || (endedAt && endedAt.getTime() <= t)) continue;
    if (!found || startedAt.getTime() > found.startedAt.getTime()) found = candidate;
  }
  return found;
}

export const meteredKey = (customerId: number, meterId: number) => `${customerId}:${meterId}`;

/** A metered subscription item's facts, from a loaded subscription and its price. */
export function toMeteredSubscription(
  subscription: ISubscription,
  price: { interval: PriceInterval; intervalCount: number },
  meterId: number,
): MeteredSubscription {
  return {
    subscriptionId: subscription.id,
    customerId: subscription.customer.id,
    meterId,
    startedAt: subscription.startedAt,
    endedAt: subscription.endedAt ?? null,
    billingCycleAnchor: subscription.billingCycleAnchor,
    currentPeriod: { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd },
    interval: price.interval,
    intervalCount: price.intervalCount,
  };
}

interface MeteredRow {
  subscription_id: string | number;
  customer_id: string | number;
  meter_id: string | number;
  started_at: Date | string;
  ended_at: Date | string | null;
  billing_cycle_anchor: Date | string;
  current_period_start: Date | string;
  current_period_end: Date | string;
  interval: PriceInterval;
  interval_count: number;
}

/**
 * The merchant's subscription items billing these customers from these meters (incomplete
 * subscriptions never started and are left out), grouped by `meteredKey(customer, meter)`.
 * One query without entities: ingestion runs it for every batch.
 */
export async function loadMeteredSubscriptions(
  em: EntityManager,
  merchantId: number,
  customerIds: readonly number[],
  meterIds: readonly number[],
): Promise<Map<string, MeteredSubscription[]>> {
  const grouped = new Map<string, MeteredSubscription[]>();
  if (customerIds.length === 0 || meterIds.length === 0) return grouped;
  const rows = await em.execute<MeteredRow[]>(
    `select s.id as subscription_id, s.customer_id, p.meter_id, s.started_at, s.ended_at,
            s.billing_cycle_anchor, s.current_period_start, s.current_period_end, p.interval, p.interval_count
     from subscription_item si
     join subscription s on s.id = si.subscription_id
     join price p on p.id = si.price_id
     where si.merchant_id = ? and s.customer_id in (?) and p.meter_id in (?) and s.status <> 'incomplete'
     order by si.id`,
    [merchantId, [...customerIds], [...meterIds]],
  );
  for (const row of rows) {
    const metered: MeteredSubscription = {
      subscriptionId: Number(row.subscription_id),
      customerId: Number(row.customer_id),
      meterId: Number(row.meter_id),
      startedAt: new Date(row.started_at),
      endedAt: row.ended_at === null ? null : new Date(row.ended_at),
      billingCycleAnchor: new Date(row.billing_cycle_anchor),
      currentPeriod: { start: new Date(row.current_period_start), end: new Date(row.current_period_end) },
      interval: row.interval,
      intervalCount: row.interval_count,
    };
    const key = meteredKey(metered.customerId, metered.meterId);
    grouped.set(key, [...(grouped.get(key) ?? []), metered]);
  }
  return grouped;
}
