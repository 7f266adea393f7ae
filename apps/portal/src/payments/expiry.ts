import { formatDate } from "@portico/i18n";
import { localeTag } from "@portico/ui";

export type ExpiryState = "expired" | "soon" | "valid";

/** How far ahead a card counts as expiring soon: renewals in that time may fail. */
const SOON_MS = 60 * 86_400_000;

/** A card is valid through the last day of its expiry month (UTC, as the server reads it). */
export function expiryState(expMonth: number, expYear: number, now: Date): ExpiryState {
  const end = Date.UTC(expYear, expMonth, 1);
  if (end <= now.getTime()) return "expired";
  return end <= now.getTime() + SOON_MS ? "soon" : "valid";
}

/** The expiry month in the viewer's locale ("December 2030", "décembre 2030"). */
export function expiryMonth(expMonth: number, expYear: number): string {
  return formatDate(Date.UTC(expYear, expMonth - 1, 1), localeTag(), {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
