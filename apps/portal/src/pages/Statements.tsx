import "../documents/documents.css";
import { useTranslation } from "@portico/i18n";
import { Button, EmptyState, Notice } from "@portico/ui";
import { useCallback, useId, useRef, useState } from "react";
import { PermissionDenied, QueryState } from "../components/QueryState.js";
import { RequestStatementForm } from "../documents/RequestStatementForm.js";
import { StatementRecord } from "../documents/StatementRecord.js";
import { isPending, usePeriodText } from "../documents/statement-text.js";
import type { Status } from "../documents/status.js";
import { useDownload } from "../documents/use-download.js";
import { usePagedList } from "../documents/use-paged-list.js";
import { useRowKeys } from "../documents/use-row-keys.js";
import { useStatementAnnouncements } from "../documents/use-statement-announcements.js";
import { usePortalFeatures } from "../features.js";
import { trpc } from "../trpc.js";

/** How often the list asks again while a statement is being prepared. */
const POLL_MS = 2000;
const STATEMENTS_KEY = ["portal", "documents", "statements"] as const;

/**
 * `/statements`: request a statement of a date range in one of the offered formats, watch
 * it go from queued to ready (the list polls while one is pending), download it; past
 * statements newest first.
 */
export function Statements() {
  const { t } = useTranslation();
  const listTitleId = useId();
  const client = trpc.useUtils().client;
  const features = usePortalFeatures();
  const period = usePeriodText();
  const [status, setStatus] = useState<Status>(null);
  const { query, rows } = usePagedList({
    queryKey: STATEMENTS_KEY,
    fetchPage: (startingAfter) => client.portal.documents.statements.query({ startingAfter }),
    pollEvery: POLL_MS,
    poll: (statements) => statements.some(isPending),
  });
  useStatementAnnouncements(rows, setStatus);
  const fetchLink = useCallback(
    async (id: string) => {
      const { download } = await client.portal.documents.statement.query({ id });
      if (!download) throw new Error("The statement is not ready.");
      return download;
    },
    [client],
  );
  const { pending, download } = useDownload(fetchLink, setStatus);
  const list = useRef<HTMLUListElement>(null);
  const rowKeyDown = useRowKeys(
    list,
    (id) => void download(id),
    t("portalDocuments.shortcutDownload"),
    rows.some((statement) => statement.status === "ready"),
  );

  const heading = (
    <>
      <h1>{t("portalDocuments.statementsTitle")}</h1>
      <p>{t("portalDocuments.statementsDescription")}</p>
    </>
  );
  if (features?.statements.enabled === false) {
    return (
      <>
        {heading}
        <PermissionDenied level={2} />
      </>
    );
  }
  if (!features || query.isPending || query.isError) {
    return (
      <>
        {heading}
        <QueryState level={2} error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  return (
    <>
      {heading}
      <Notice tone={status?.tone === "error" ? "error" : "success"}>{status && <p>{status.text}</p>}</Notice>
      <RequestStatementForm
        formats={features.statements.formats}
        onRequested={(statement) => {
          setStatus({ tone: "success", text: t("portalDocuments.requested", { period: period(statement) }) });
          void query.refetch();
        }}
      />
      <section className="pt-section" aria-labelledby={listTitleId}>
        <h2 id={listTitleId}>{t("portalDocuments.pastTitle")}</h2>
        {rows.length === 0 ? (
          <EmptyState
            level={3}
            title={t("portalDocuments.statementsEmptyTitle")}
            description={t("portalDocuments.statementsEmptyDescription")}
          />
        ) : (
          <ul className="pt-records" ref={list} aria-busy={query.isFetchingNextPage}>
            {rows.map((statement) => (
              <StatementRecord
                key={statement.id}
                statement={statement}
                downloading={pending === statement.id}
                onDownload={(id) => void download(id)}
                onKeyDown={rowKeyDown}
              />
            ))}
          </ul>
        )}
        {query.hasNextPage && (
          <div className="pt-actions pt-docs-more">
            <Button
              variant="secondary"
              disabled={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t("portalDocuments.showMore")}
            </Button>
          </div>
        )}
      </section>
    </>
  );
}
