import "../documents/documents.css";
import { useTranslation } from "@portico/i18n";
import { EmptyState } from "@portico/ui";
import { useCallback, useId, useState } from "react";
import { LoadMoreButton } from "../components/LoadMoreButton.js";
import { PageHeading } from "../components/PageHeading.js";
import { PermissionDenied, QueryState } from "../components/QueryState.js";
import { type Status, StatusNotice } from "../components/StatusNotice.js";
import { usePagedList } from "../components/use-paged-list.js";
import { RequestStatementForm } from "../documents/RequestStatementForm.js";
import { StatementRecord } from "../documents/StatementRecord.js";
import { isPending, usePeriodText } from "../documents/statement-text.js";
import { useDocumentDownloads } from "../documents/use-document-downloads.js";
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
  const { list, pending, download, rowKeyDown } = useDocumentDownloads(
    fetchLink,
    setStatus,
    rows.some((statement) => statement.status === "ready"),
  );

  const heading = (
    <PageHeading
      title={t("portalDocuments.statementsTitle")}
      description={t("portalDocuments.statementsDescription")}
    />
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
      <StatusNotice status={status} />
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
          <LoadMoreButton
            className="pt-docs-more"
            label={t("portalDocuments.showMore")}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
          />
        )}
      </section>
    </>
  );
}
