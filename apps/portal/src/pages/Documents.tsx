import "../documents/documents.css";
import type { RouterInputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { EmptyState, SelectField } from "@portico/ui";
import { useCallback, useId, useState } from "react";
import { LoadMoreButton } from "../components/LoadMoreButton.js";
import { PageHeading } from "../components/PageHeading.js";
import { PermissionDenied, QueryState } from "../components/QueryState.js";
import { type Status, StatusNotice } from "../components/StatusNotice.js";
import { usePagedList } from "../components/use-paged-list.js";
import { DocumentRecord } from "../documents/DocumentRecord.js";
import { useDocumentDownloads } from "../documents/use-document-downloads.js";
import { usePortalFeatures } from "../features.js";
import { trpc } from "../trpc.js";

type Kind = NonNullable<RouterInputs["portal"]["documents"]["library"]["kind"]>;

const KINDS = ["contract", "receipt", "tax_form", "invoice_pdf", "other"] as const satisfies readonly Kind[];

/** `/documents`: the customer's documents library, newest first, by kind, each downloadable. */
export function Documents() {
  const { t } = useTranslation();
  const listTitleId = useId();
  const client = trpc.useUtils().client;
  const features = usePortalFeatures();
  const [kind, setKind] = useState<Kind | "">("");
  const [status, setStatus] = useState<Status>(null);
  const { query, rows } = usePagedList({
    queryKey: ["portal", "documents", "library", kind],
    fetchPage: (startingAfter) =>
      client.portal.documents.library.query({ startingAfter, ...(kind ? { kind } : {}) }),
  });
  const fetchLink = useCallback(
    (id: string) => client.portal.documents.download.query({ document: id }),
    [client],
  );
  const { list, pending, download, rowKeyDown } = useDocumentDownloads(fetchLink, setStatus, rows.length > 0);

  const heading = (
    <PageHeading
      title={t("portalDocuments.documentsTitle")}
      description={t("portalDocuments.documentsDescription")}
    />
  );
  if (features?.documents.enabled === false) {
    return (
      <>
        {heading}
        <PermissionDenied level={2} />
      </>
    );
  }
  if (query.isPending || query.isError) {
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
      <section className="pt-section" aria-labelledby={listTitleId}>
        <h2 id={listTitleId}>{t("portalDocuments.documentsListTitle")}</h2>
        <SelectField
          className="pt-docs-filter"
          label={t("portalDocuments.kindFilter")}
          value={kind}
          onChange={(event) => setKind(event.target.value as Kind | "")}
        >
          <option value="">{t("portalDocuments.kindAll")}</option>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`portalDocuments.kind_${value}`)}
            </option>
          ))}
        </SelectField>
        {rows.length === 0 && !query.isPlaceholderData ? (
          <EmptyState
            level={3}
            title={t(
              kind ? "portalDocuments.documentsKindEmptyTitle" : "portalDocuments.documentsEmptyTitle",
            )}
            description={t(
              kind
                ? "portalDocuments.documentsKindEmptyDescription"
                : "portalDocuments.documentsEmptyDescription",
            )}
          />
        ) : (
          <ul
            className="pt-records"
            ref={list}
            aria-busy={query.isPlaceholderData || query.isFetchingNextPage}
          >
            {rows.map((document) => (
              <DocumentRecord
                key={document.id}
                document={document}
                downloading={pending === document.id}
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
