import { formatDate, formatMoney } from "@portico/i18n";
import { localeTag } from "@portico/ui";

/** An amount of minor units in the viewer's locale ("$1,234.50", "1 234,50 $US"). */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency, localeTag());
}

/** A date alone, in the viewer's locale ("Nov 21, 2026"). */
export function date(iso: string): string {
  return formatDate(iso, localeTag());
}

/** A date and time in the viewer's locale ("Nov 21, 2026, 10:35 AM"). */
export function dateTime(iso: string): string {
  return formatDate(iso, localeTag(), { dateStyle: "medium", timeStyle: "short" });
}
