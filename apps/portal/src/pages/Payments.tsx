import "../payments/payments.css";
import { useTranslation } from "@portico/i18n";
import { EmptyState, Notice, PageSkeleton, useListKeyboard, useShortcut } from "@portico/ui";
import { useEffect, useId, useRef, useState } from "react";
import { LoadMoreButton } from "../components/LoadMoreButton.js";
import { PageHeading } from "../components/PageHeading.js";
import { QueryState } from "../components/QueryState.js";
import { type Status, StatusNotice } from "../components/StatusNotice.js";
import { PaymentRecord } from "../payments/PaymentRecord.js";
import { usePaymentHistory } from "../payments/use-payment-history.js";
import { useReceiptDownload } from "../payments/use-receipt-download.js";

/**
 * "Payment history": every payment newest first, with its status (and why it failed), the
 * invoice it paid, the card, its refunds and, once it went through, its receipt PDF. "Load
 * more" fetches the next keyset page and moves focus to its first payment; j/k or the
 * arrows move through the list and `d` downloads the selected payment's receipt.
 */
export function Payments() {
  const { t } = useTranslation();
  const { query, payments } = usePaymentHistory();
  const [status, setStatus] = useState<Status>(null);
  const { pending, download } = useReceiptDownload(setStatus, {
    started: "portalPayments.receiptStarted",
    failed: "portalPayments.receiptFailed",
  });
  const listHeadingId = useId();
  const list = useRef<HTMLUListElement>(null);
  useListKeyboard(list);
  /** The index of the first payment a "Load more" brings, to focus once it shows. */
  const focusFrom = useRef<number | null>(null);

  useShortcut(
    "d",
    () => {
      const selected = document.activeElement?.closest<HTMLElement>("[data-receipt]");
      const payment = selected?.dataset.receipt;
      if (payment) void download(payment);
    },
    t("portalPayments.shortcutReceipt"),
    payments.some((payment) => payment.receiptAvailable),
  );

  useEffect(() => {
    const index = focusFrom.current;
    if (index === null || index >= payments.length) return;
    focusFrom.current = null;
    list.current?.querySelectorAll<HTMLElement>("[data-list-item]")[index]?.focus();
  }, [payments.length]);

  const heading = (
    <PageHeading
      title={t("portalPayments.paymentsTitle")}
      description={t("portalPayments.paymentsDescription")}
    />
  );
  if (query.isPending) {
    return (
      <>
        {heading}
        <PageSkeleton label={t("portalPayments.paymentsLoading")} />
      </>
    );
  }
  if (query.isError && payments.length === 0) {
    return (
      <>
        {heading}
        <QueryState error={query.error} onRetry={() => void query.refetch()} level={2} />
      </>
    );
  }

  const loadMore = async () => {
    focusFrom.current = payments.length;
    await query.fetchNextPage();
  };
  return (
    <>
      {heading}
      <StatusNotice status={status} />
      <section className="pt-section" aria-labelledby={listHeadingId}>
        <h2 id={listHeadingId}>{t("portalPayments.paymentsListTitle")}</h2>
        {payments.length === 0 ? (
          <EmptyState
            level={3}
            title={t("portalPayments.paymentsEmptyTitle")}
            description={t("portalPayments.paymentsEmptyDescription")}
          />
        ) : (
          <ul ref={list} className="pt-records">
            {payments.map((payment) => (
              <PaymentRecord
                key={payment.id}
                payment={payment}
                downloading={pending === payment.id}
                onDownload={(id) => void download(id)}
              />
            ))}
          </ul>
        )}
        <Notice tone="error">
          {query.isFetchNextPageError && <p>{t("portalPayments.loadMoreFailed")}</p>}
        </Notice>
        <Notice>{query.isFetchingNextPage && <p>{t("portalPayments.loadingMore")}</p>}</Notice>
        {query.hasNextPage && (
          <LoadMoreButton
            className="pt-section"
            label={t("portalPayments.loadMore")}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void loadMore()}
          />
        )}
      </section>
    </>
  );
}
