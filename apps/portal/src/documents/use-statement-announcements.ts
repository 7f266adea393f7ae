import { useTranslation } from "@portico/i18n";
import { useEffect, useRef } from "react";
import type { Status } from "../components/StatusNotice.js";
import { isPending, type StatementStatus, usePeriodText } from "./statement-text.js";

interface Row {
  id: string;
  status: StatementStatus;
  firstDay: string;
  lastDay: string;
}

/**
 * Announces a statement the list saw pending and now sees ready or failed, so a screen
 * reader hears what the badge shows. Rows seen for the first time announce nothing.
 */
export function useStatementAnnouncements(rows: readonly Row[], onStatus: (status: Status) => void) {
  const { t } = useTranslation();
  const period = usePeriodText();
  const seen = useRef(new Map<string, StatementStatus>());
  useEffect(() => {
    for (const row of rows) {
      const before = seen.current.get(row.id);
      seen.current.set(row.id, row.status);
      if (!before || !isPending({ status: before }) || isPending(row)) continue;
      onStatus(
        row.status === "ready"
          ? { tone: "success", text: t("portalDocuments.becameReady", { period: period(row) }) }
          : { tone: "error", text: t("portalDocuments.becameFailed", { period: period(row) }) },
      );
    }
  }, [rows, onStatus, period, t]);
}
