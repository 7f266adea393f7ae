import { AppError } from "../errors.js";

/**
 * A statement covers the instants [start, end). Callers give either exact instants or
 * calendar days in the merchant's time zone: a start day means its first moment, an end
 * day is included (its period ends at the first moment of the next day), so
 * `2026-01-01` … `2026-12-31` is the whole of 2026 in Paris time for a Paris merchant.
 */
export type PeriodBound = Date | string;

/** At most one year (a leap year's 366 days, plus an hour for a daylight-saving shift). */
export const MAX_STATEMENT_DAYS = 366;
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface StatementPeriod {
  start: Date;
  end: Date;
}

const invalid = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", reason, message, details ? { details } : {});

/**
 * The period of a statement request, checked: start before end, at most a year, and
 * ending no later than the end of today in the merchant's time zone. BAD_REQUEST
 * `STATEMENT_PERIOD_INVALID` / `STATEMENT_PERIOD_TOO_LONG` / `STATEMENT_PERIOD_IN_FUTURE`.
 */
export function statementPeriod(
  bounds: { start: PeriodBound; end: PeriodBound },
  timeZone: string,
  now: Date,
): StatementPeriod {
  const start = typeof bounds.start === "string" ? dayStart(bounds.start, timeZone) : bounds.start;
  const end = typeof bounds.end === "string" ? dayStart(nextDay(bounds.end), timeZone) : bounds.end;
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw invalid("STATEMENT_PERIOD_INVALID", "Give the period as dates (YYYY-MM-DD) or ISO 8601 instants.");
  }
  if (start.getTime() >= end.getTime()) {
    throw invalid("STATEMENT_PERIOD_INVALID", "The period must start before it ends.");
  }
  if (end.getTime() - start.getTime() > MAX_STATEMENT_DAYS * DAY_MS + 3_600_000) {
    throw invalid("STATEMENT_PERIOD_TOO_LONG", `A statement covers at most ${MAX_STATEMENT_DAYS} days.`, {
      maxDays: MAX_STATEMENT_DAYS,
    });
  }
  const endOfToday = dayStart(nextDay(calendarDay(now, timeZone)), timeZone);
  if (end.getTime() > endOfToday.getTime()) {
    throw invalid("STATEMENT_PERIOD_IN_FUTURE", "The period cannot end after today.", {
      latestEnd: endOfToday.toISOString(),
    });
  }
  return { start, end };
}

/** The first instant of calendar day `day` (YYYY-MM-DD) in `timeZone`; an invalid date is NaN. */
export function dayStart(day: string, timeZone: string): Date {
  const match = DAY.exec(day);
  if (!match) return new Date(Number.NaN);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, date);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    return new Date(Number.NaN); // 2026-02-30
  }
  // Midnight there is `utc − offset`; the offset at that instant may differ across a DST change.
  let instant = utc - offsetMs(new Date(utc), timeZone);
  instant = utc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** YYYY-MM-DD of `at` in `timeZone`. */
export function calendarDay(at: Date, timeZone: string): string {
  const parts = zonedParts(at, timeZone);
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

function nextDay(day: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  return next.toISOString().slice(0, 10);
}

/** Local time minus UTC at `at`, in milliseconds (Paris in winter: +3 600 000). */
function offsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** Building an Intl formatter costs far more than using one: one per time zone, kept. */
const zonedFormats = new Map<string, Intl.DateTimeFormat>();

function zonedParts(at: Date, timeZone: string) {
  let format = zonedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zonedFormats.set(timeZone, format);
  }
  const values = Object.fromEntries(
    format
      .formatToParts(at)
      .filter((part) => part.type !== "literal")
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return values;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
