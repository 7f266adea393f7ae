/**
 * The period a customer picks for a statement, as calendar days (YYYY-MM-DD). The server
 * checks the same rules (packages/core/src/documents/statement-period.ts) in the merchant's
 * time zone; checking here first only spares a round trip and shows the error at the field.
 */

/** Mirrors core's MAX_STATEMENT_DAYS (a year, leap years included). */
export const MAX_STATEMENT_DAYS = 366;

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DayRange {
  from: string;
  to: string;
}

export type RangeProblem =
  | { field: "from" | "to"; key: "dateMissing" }
  | { field: "to"; key: "fromAfterTo" | "rangeInFuture" }
  | { field: "from"; key: "rangeTooLong" };

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const utcDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Today in the browser's time zone. */
export function localToday(now = new Date()): string {
  return isoDay(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/** The whole previous calendar month: what accounts payable usually asks for. */
export function previousMonth(today: string): DayRange {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return {
    from: isoDay(new Date(Date.UTC(year, month - 2, 1))),
    to: isoDay(new Date(Date.UTC(year, month - 1, 0))),
  };
}

/** What is wrong with a range (the first problem found), or null when it can be requested. */
export function rangeProblem(range: DayRange, today: string): RangeProblem | null {
  if (!DAY.test(range.from)) return { field: "from", key: "dateMissing" };
  if (!DAY.test(range.to)) return { field: "to", key: "dateMissing" };
  if (range.from > range.to) return { field: "to", key: "fromAfterTo" };
  if (range.to > today) return { field: "to", key: "rangeInFuture" };
  if ((utcDay(range.to) - utcDay(range.from)) / DAY_MS + 1 > MAX_STATEMENT_DAYS) {
    return { field: "from", key: "rangeTooLong" };
  }
  return null;
}
