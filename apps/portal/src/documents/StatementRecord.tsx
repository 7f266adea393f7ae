import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Badge, Button } from "@portico/ui";
import type { KeyboardEvent } from "react";
import { dateTime } from "../format.js";
import { STATUS_TONE, usePeriodText } from "./statement-text.js";

type Statement = RouterOutputs["portal"]["documents"]["statements"]["data"][number];

export interface StatementRecordProps {
  statement: Statement;
  /** This one's link is being prepared. */
  downloading: boolean;
  onDownload(id: string): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** One past statement: period, format, status, when it was asked for, and its download once ready. */
export function StatementRecord({ statement, downloading, onDownload, onKeyDown }: StatementRecordProps) {
  const { t } = useTranslation();
  const period = usePeriodText()(statement);
  const ready = statement.status === "ready";
  return (
    <li
      className="pt-record"
      data-list-item
      data-download={ready ? statement.id : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="pt-record-head">
        <h3 className="pt-docs-record-title">{t("portalDocuments.statementTitle", { period })}</h3>
        <Badge tone={STATUS_TONE[statement.status]}>{t(`portalDocuments.status_${statement.status}`)}</Badge>
      </div>
      <dl>
        <dt>{t("portalDocuments.formatLabel")}</dt>
        <dd>{t(`portalDocuments.format_${statement.format}`)}</dd>
        <dt>{t("portalDocuments.requestedLabel")}</dt>
        <dd>{dateTime(statement.createdAt)}</dd>
      </dl>
      {ready && (
        <div className="pt-actions">
          <Button
            variant="secondary"
            disabled={downloading}
            aria-label={t("portalDocuments.downloadStatement", { period })}
            onClick={() => onDownload(statement.id)}
          >
            {t("portalDocuments.download")}
          </Button>
        </div>
      )}
    </li>
  );
}
