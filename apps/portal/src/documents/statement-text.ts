import { useTranslation } from "@portico/i18n";
import type { BadgeTone } from "@portico/ui";
import { dayText } from "./calendar-day.js";

export type StatementStatus = "queued" | "generating" | "ready" | "failed";

/** Still on its way: the list polls while one is. */
export const isPending = (statement: { status: StatementStatus }) =>
  statement.status === "queued" || statement.status === "generating";

export const STATUS_TONE: Record<StatementStatus, BadgeTone> = {
  queued: "info",
  generating: "info",
  ready: "success",
  failed: "danger",
};

/** "Mar 1, 2026 – Mar 31, 2026": a statement's period as the customer asked for it. */
export function usePeriodText() {
  const { t } = useTranslation();
  return (statement: { firstDay: string; lastDay: string }) =>
    t("portalDocuments.period", { start: dayText(statement.firstDay), end: dayText(statement.lastDay) });
}
