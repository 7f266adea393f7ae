const DAY_MS = 86_400_000;

/** Midnight (UTC) of the calendar day `instant` falls on in the viewer's time zone. */
function localDay(instant: Date): number {
  return Date.UTC(instant.getFullYear(), instant.getMonth(), instant.getDate());
}

/**
 * How many calendar days an invoice due at `dueAt` is late on `now`, in the viewer's time
 * zone: 0 on its due date, 1 the day after. Days, not 24-hour spans, so the figure changes
 * at midnight as a reader expects.
 */
export function daysOverdue(dueAt: string, now: Date): number {
  return Math.max(0, Math.round((localDay(now) - localDay(new Date(dueAt))) / DAY_MS));
}
