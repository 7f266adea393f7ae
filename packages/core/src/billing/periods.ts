import type { PriceInterval } from "@portico/db";

/** How often a price recurs: every `intervalCount` `interval`s. */
export interface Recurrence {
  interval: PriceInterval;
  intervalCount: number;
}

export interface Period {
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * `months` calendar months after `from`, in UTC, keeping the time of day and clamping the
 * day to the month's length (Jan 31 + 1 → Feb 28 or 29).
 */
function addMonthsClamped(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const day = Math.min(from.getUTCDate(), daysInMonth(year, month));
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}

/**
 * The start of the `n`th period counted from `anchor` (n may be negative). Always computed
 * from the anchor, never from the previous boundary, so a subscription anchored on the 31st
 * bills Jan 31 → Feb 28 → Mar 31 instead of drifting to the 28th for good; one anchored on
 * Feb 29 renews on Feb 28 in common years and Feb 29 in leap years.
 */
export function periodBoundary(anchor: Date, recurrence: Recurrence, n: number): Date {
  assertRecurrence(recurrence);
  const steps = n * recurrence.intervalCount;
  switch (recurrence.interval) {
    case "day":
      return new Date(anchor.getTime() + steps * DAY_MS);
    case "week":
      return new Date(anchor.getTime() + steps * 7 * DAY_MS);
    case "month":
      return addMonthsClamped(anchor, steps);
    case "year":
      return addMonthsClamped(anchor, steps * 12);
  }
}

/** The billing period that contains `at`: start ≤ at < end. */
export function periodContaining(anchor: Date, recurrence: Recurrence, at: Date): Period {
  let n = estimateIndex(anchor, recurrence, at);
  // The estimate is at most one off either way (month lengths vary); settle it.
  while (periodBoundary(anchor, recurrence, n).getTime() > at.getTime()) n -= 1;
  while (periodBoundary(anchor, recurrence, n + 1).getTime() <= at.getTime()) n += 1;
  return { start: periodBoundary(anchor, recurrence, n), end: periodBoundary(anchor, recurrence, n + 1) };
}

/** The period right after the one that ends at `periodEnd` (itself a boundary of `anchor`). */
export function nextPeriod(anchor: Date, recurrence: Recurrence, periodEnd: Date): Period {
  return periodContaining(anchor, recurrence, periodEnd);
}

function estimateIndex(anchor: Date, { interval, intervalCount }: Recurrence, at: Date): number {
  const elapsedMs = at.getTime() - anchor.getTime();
  switch (interval) {
    case "day":
      return Math.floor(elapsedMs / (DAY_MS * intervalCount));
    case "week":
      return Math.floor(elapsedMs / (7 * DAY_MS * intervalCount));
    case "month":
    case "year": {
      const months =
        (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
      return Math.floor(months / (intervalCount * (interval === "year" ? 12 : 1)));
    }
  }
}

function assertRecurrence({ intervalCount }: Recurrence): void {
  if (!Number.isInteger(intervalCount) || intervalCount < 1) {
    throw new RangeError(`intervalCount must be a positive integer, got ${intervalCount}`);
  }
}

/** Whole seconds from `from` to `to` (negative when `to` is earlier). */
export const secondsBetween = (from: Date, to: Date): number =>
  Math.floor(to.getTime() / 1000) - Math.floor(from.getTime() / 1000);
