import type { MeterAggregation } from "@portico/db";
import { parseDecimal, rational, roundHalfUp } from "../billing/money.js";
import type { Period } from "../billing/periods.js";

const SCALE = 1_000_000n; // usage quantities keep 6 decimals (numeric(24, 6))

/**
 * The quantity a meter will likely reach by the end of `period`, from what it holds at `now`.
 *
 * - sum and count accumulate, so they are extrapolated linearly from the elapsed time:
 *   quantity × period length ÷ elapsed time, both counted in milliseconds. Counts round
 *   half up to whole events, sums to 6 decimals.
 * - max and unique_count do not grow with time in any predictable way (a peak or a set of
 *   distinct users may already be complete), so the projection is what they hold now.
 *
 * Before the period starts, or at its very start, there is nothing to extrapolate from and
 * the projection is the current quantity; at or after its end it is final.
 */
export function projectQuantity(
  aggregation: MeterAggregation,
  quantity: number,
  period: Period,
  now: Date,
): number {
  const elapsed = BigInt(now.getTime() - period.start.getTime());
  const length = BigInt(period.end.getTime() - period.start.getTime());
  if (aggregation === "max" || aggregation === "unique_count") return quantity;
  if (elapsed <= 0n || elapsed >= length) return quantity;
  const current = parseDecimal(quantity);
  if (aggregation === "count") {
    return Number(roundHalfUp(rational(current.num * length, current.den * elapsed)));
  }
  const scaled = roundHalfUp(rational(current.num * length * SCALE, current.den * elapsed));
  return Number(scaled) / Number(SCALE);
}
