import { rational, toMinorUnits } from "./money.js";
import { type Period, secondsBetween } from "./periods.js";

/**
 * The share of a full-period `amount` for the time left after `at`, to the second, as
 * Stripe computes it: amount × remaining seconds ÷ period seconds, rounded half up.
 */
export function prorate(amount: number, period: Period, at: Date): number {
  const total = secondsBetween(period.start, period.end);
  if (total <= 0) throw new RangeError("period must end after it starts");
  const remaining = Math.min(Math.max(secondsBetween(at, period.end), 0), total);
  return toMinorUnits(rational(BigInt(amount) * BigInt(remaining), BigInt(total)));
}

/** One priced item of a subscription, before or after a change. */
export interface ProratedItem {
  /** Stable key of the price (its public id). */
  price: string;
  quantity: number;
  /** Full-period amount of this item at this quantity, in minor units. */
  amount: number;
  description: string;
}

export interface ProrationLine {
  price: string;
  quantity: number;
  /** Negative for unused time given back. */
  amount: number;
  description: string;
  kind: "unused_time" | "remaining_time";
  periodStart: Date;
  periodEnd: Date;
}

/**
 * Lines for changing a subscription's items at `at` within `period`: for every item that
 * goes away or changes quantity, a credit for its unused time; for every item that is new
 * or changes quantity, a charge for the time remaining. Unchanged items give no line.
 */
export function prorationLines(
  before: readonly ProratedItem[],
  after: readonly ProratedItem[],
  period: Period,
  at: Date,
): ProrationLine[] {
  const key = (item: ProratedItem) => `${item.price}×${item.quantity}`;
  const kept = new Set(after.map(key));
  const had = new Set(before.map(key));
  const window = { periodStart: at < period.start ? period.start : at, periodEnd: period.end };
  const credits = before
    .filter((item) => !kept.has(key(item)))
    .map((item) => ({
      price: item.price,
      quantity: item.quantity,
      amount: -prorate(item.amount, period, at),
      description: item.description,
      kind: "unused_time" as const,
      ...window,
    }));
  const charges = after
    .filter((item) => !had.has(key(item)))
    .map((item) => ({
      price: item.price,
      quantity: item.quantity,
      amount: prorate(item.amount, period, at),
      description: item.description,
      kind: "remaining_time" as const,
      ...window,
    }));
  return [...credits, ...charges].filter((line) => line.amount !== 0);
}
