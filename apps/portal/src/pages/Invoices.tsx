import "../invoices/invoices.css";
import { useTranslation } from "@portico/i18n";
import { Button, EmptyState, Notice, useListKeyboard, useShortcut } from "@portico/ui";
import { useCallback, useMemo, useRef } from "react";
import { useSearchParams } from "wouter";
import { PageHeading } from "../components/PageHeading.js";
import { PermissionDenied, QueryState } from "../components/QueryState.js";
import { usePortalFeatures } from "../features.js";
import {
  filtersFromSearch,
  filtersToSearch,
  hasFilters,
  type InvoiceFilters as Filters,
  listInput,
} from "../invoices/invoice-filters.js";
import { InvoiceFilters } from "../invoices/InvoiceFilters.js";
import { InvoiceTable } from "../invoices/InvoiceTable.js";
import { useInvoiceList } from "../invoices/use-invoice-list.js";

/** Only unpaid invoices asked for, and nothing else narrowing them. */
const onlyUnpaid = (filters: Filters) =>
  (filters.status === "open" || filters.status === "overdue") &&
  !filters.from &&
  !filters.to &&
  !filters.number;

/**
 * `/invoices`: the customer's invoices, newest first, filtered by status, issue dates and
 * number; the filters live in the query string, so reload and back/forward keep them.
 */
export function Invoices() {
  const { t } = useTranslation();
  const features = usePortalFeatures();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const setFilters = useCallback(
    (next: Filters, { replace }: { replace: boolean }) => setParams(filtersToSearch(next), { replace }),
    [setParams],
  );
  const input = useMemo(() => listInput(filters), [filters]);
  const { query, rows } = useInvoiceList(input);
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useListKeyboard(bodyRef);
  useShortcut("/", () => searchRef.current?.focus(), t("portalInvoices.shortcutSearch"));

  const heading = (
    <PageHeading title={t("portalInvoices.title")} description={t("portalInvoices.description")} />
  );
  if (features?.invoiceHistory.enabled === false) {
    return (
      <>
        {heading}
        <PermissionDenied level={2} />
      </>
    );
  }

  const filterForm = <InvoiceFilters filters={filters} onChange={setFilters} searchRef={searchRef} />;
  if (query.isPending || query.isError) {
    return (
      <>
        {heading}
        {filterForm}
        <QueryState level={2} error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  return (
    <>
      {heading}
      {filterForm}
      <Notice>{rows.length > 0 && <p>{t("portalInvoices.shown", { count: rows.length })}</p>}</Notice>
      {rows.length > 0 ? (
        <InvoiceTable
          rows={rows}
          caption={t("portalInvoices.title")}
          listSearch={search}
          busy={query.isFetching}
          bodyRef={bodyRef}
        />
      ) : onlyUnpaid(filters) ? (
        <EmptyState title={t("portalInvoices.emptyUnpaidTitle")} />
      ) : hasFilters(filters) ? (
        <EmptyState
          title={t("portalInvoices.emptyFilteredTitle")}
          description={t("portalInvoices.emptyFilteredDescription")}
        />
      ) : (
        <EmptyState
          title={t("portalInvoices.emptyTitle")}
          description={t("portalInvoices.emptyDescription")}
        />
      )}
      {query.hasNextPage && (
        <div className="pt-actions pt-inv-more">
          <Button
            variant="secondary"
            aria-disabled={query.isFetchingNextPage}
            onClick={() => {
              if (!query.isFetchingNextPage) void query.fetchNextPage();
            }}
          >
            {query.isFetchingNextPage ? t("portalInvoices.loadingMore") : t("portalInvoices.loadMore")}
          </Button>
        </div>
      )}
    </>
  );
}
