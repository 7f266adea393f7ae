import "../invoices/invoices.css";
import { useTranslation } from "@portico/i18n";
import { Button, EmptyState, Notice, errorReason, useShortcut } from "@portico/ui";
import { useId } from "react";
import { Link, useLocation, useParams } from "wouter";
import { PermissionDenied, QueryState } from "../components/QueryState.js";
import { usePortalFeatures } from "../features.js";
import { InvoiceFacts } from "../invoices/InvoiceFacts.js";
import { InvoiceLines } from "../invoices/InvoiceLines.js";
import { InvoicePayments } from "../invoices/InvoicePayments.js";
import { InvoiceStatusBadge } from "../invoices/InvoiceStatusBadge.js";
import { InvoiceTotals } from "../invoices/InvoiceTotals.js";
import { useInvoicePdf } from "../invoices/use-invoice-pdf.js";
import { trpc } from "../trpc.js";

/** A malformed id in the address is as missing as another customer's invoice. */
const NOT_FOUND = new Set(["INVOICE_NOT_FOUND", "INVALID_INPUT"]);

/** The list's query string the row link handed over, so the way back keeps the filters. */
function listHref(): string {
  const state: unknown = window.history.state;
  const search =
    typeof state === "object" &&
    state !== null &&
    "listSearch" in state &&
    typeof state.listSearch === "string"
      ? state.listSearch
      : "";
  return search ? `/invoices?${search}` : "/invoices";
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <nav className="pt-inv-breadcrumb" aria-label={t("portalInvoices.breadcrumb")}>
      <Link href={listHref()}>{t("portalInvoices.backToList")}</Link>
    </nav>
  );
}

/**
 * `/invoices/:id`: one invoice — status, dates, who it is billed to, lines, totals and
 * payments — with "Download PDF" (`d`) and, while something remains to pay, "Pay now" (`p`).
 */
export function InvoiceDetail() {
  const { t } = useTranslation();
  const { id = "" } = useParams<{ id: string }>();
  const linesId = useId();
  const paymentsId = useId();
  const [, navigate] = useLocation();
  const features = usePortalFeatures();
  const query = trpc.portal.invoices.get.useQuery({ invoice: id });
  const pdf = useInvoicePdf(id);
  const invoice = query.data;
  const payHref = `/invoices/${id}/pay`;
  const canPay =
    invoice?.status === "open" && invoice.amountRemaining > 0 && invoice.latestPaymentStatus !== "processing";
  const download = () => {
    if (!pdf.pending) void pdf.download();
  };
  useShortcut("d", download, t("portalInvoices.shortcutDownload"), invoice !== undefined);
  useShortcut("p", () => navigate(payHref), t("portalInvoices.shortcutPay"), canPay);

  if (features?.invoiceHistory.enabled === false) {
    return (
      <>
        <BackLink />
        <h1>{t("portalInvoices.title")}</h1>
        <PermissionDenied level={2} />
      </>
    );
  }
  if (NOT_FOUND.has(errorReason(query.error) ?? "")) {
    return (
      <>
        <BackLink />
        <EmptyState
          level={1}
          title={t("portalInvoices.notFoundTitle")}
          description={t("portalInvoices.notFoundDescription")}
        />
      </>
    );
  }
  if (!invoice) {
    return (
      <>
        <BackLink />
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const number = invoice.number ?? invoice.id;
  return (
    <>
      <BackLink />
      <header className="pt-inv-head">
        <h1>{t("portalInvoices.invoiceTitle", { number })}</h1>
        <InvoiceStatusBadge invoice={invoice} />
      </header>
      {invoice.overdue && (
        <p className="pt-inv-callout pt-inv-callout--danger">
          {t("portalInvoices.overdueBy", { count: invoice.daysOverdue })}
        </p>
      )}
      {invoice.latestPaymentStatus === "processing" && invoice.status === "open" && (
        <p className="pt-inv-callout">{t("portalInvoices.processingNotice")}</p>
      )}
      <div className="pt-actions pt-inv-actions">
        {canPay && (
          <Link href={payHref} className="pt-button pt-button--primary">
            {t("portalInvoices.payNow")}
          </Link>
        )}
        <Button variant="secondary" aria-disabled={pdf.pending} onClick={download}>
          {pdf.pending ? t("portalInvoices.downloadPreparing") : t("portalInvoices.downloadPdf")}
        </Button>
      </div>
      <Notice tone="success">{pdf.status?.tone === "success" && <p>{pdf.status.text}</p>}</Notice>
      <Notice tone="error">{pdf.status?.tone === "error" && <p>{pdf.status.text}</p>}</Notice>
      <InvoiceFacts invoice={invoice} />
      <section className="pt-section" aria-labelledby={linesId}>
        <h2 id={linesId}>{t("portalInvoices.linesTitle")}</h2>
        <InvoiceLines invoice={invoice} />
        <InvoiceTotals invoice={invoice} />
      </section>
      <section className="pt-section" aria-labelledby={paymentsId}>
        <h2 id={paymentsId}>{t("portalInvoices.paymentsTitle")}</h2>
        <InvoicePayments payments={invoice.payments} />
      </section>
    </>
  );
}
