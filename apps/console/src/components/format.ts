import { formatDate } from "@portico/i18n";
import { localeTag } from "@portico/ui";

/** A date and time in the viewer's locale, for tables ("Nov 21, 2026, 10:35 AM"). */
export function dateTime(iso: string): string {
  return formatDate(iso, localeTag(), { dateStyle: "medium", timeStyle: "short" });
}

/** A date alone, in the viewer's locale ("Nov 21, 2026"). */
export function date(iso: string): string {
  return formatDate(iso, localeTag());
}
