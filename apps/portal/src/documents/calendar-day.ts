import { formatDate } from "@portico/i18n";
import { localeTag } from "@portico/ui";

/**
 * A calendar day (YYYY-MM-DD) in the viewer's locale. It is read and shown in UTC, so the
 * day never shifts with the viewer's time zone (statement periods are the merchant's days).
 */
export function dayText(day: string): string {
  return formatDate(`${day}T00:00:00Z`, localeTag(), { dateStyle: "medium", timeZone: "UTC" });
}
