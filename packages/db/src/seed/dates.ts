/** UTC date arithmetic for the demo timeline (everything is relative to an injected `now`). */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE);
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * HOUR);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/**
 * `anchor` plus `months` calendar months, keeping the anchor's day of month where it exists
 * and clamping to the month's last day otherwise (Jan 31 → Feb 28/29 → Mar 31), time of day
 * unchanged. Periods are always computed from the anchor, never chained, so a short month
 * does not drag later periods.
 */
export function addMonths(anchor: Date, months: number): Date {
  const year = anchor.getUTCFullYear();
  const month = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds()),
  );
}

export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** `2026-03-07` */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A billing period [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/**
 * The periods of a subscription billed every `intervalMonths` months from `anchor`, from the
 * first one up to and including the one that contains `until`.
 */
export function periodsUntil(anchor: Date, intervalMonths: number, until: Date): Period[] {
  const periods: Period[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(anchor, k * intervalMonths);
    if (start.getTime() > until.getTime()) break;
    periods.push({ start, end: addMonths(anchor, (k + 1) * intervalMonths) });
  }
  return periods;
}
