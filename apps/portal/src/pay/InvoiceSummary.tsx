import { useTranslation } from "@portico/i18n";
import { daysOverdue } from "../dashboard/days-overdue.js";
import { date, money } from "../format.js";
import { InvoiceStatusBadge } from "../invoices/InvoiceStatusBadge.js";
import type { PayableInvoice } from "./types.js";

/** What is being paid: the invoice's number, total, what remains, and when it was due. */
export function InvoiceSummary({ invoice }: { invoice: PayableInvoice }) {
  const { t } = useTranslation();
  return (
    <section className="pt-checkout-summary" aria-label={t("portalPay.summaryLabel")}>
      <InvoiceStatusBadge invoice={invoice} />
      <dl className="pt-checkout-facts">
        {invoice.number && (
          <>
            <dt>{t("portalPay.invoiceNumber")}</dt>
            <dd>{invoice.number}</dd>
          </>
        )}
        {invoice.total !== invoice.amountRemaining && (
          <>
            <dt>{t("portalPay.total")}</dt>
            <dd>{money(invoice.total, invoice.currency)}</dd>
          </>
        )}
        <dt>{t("portalPay.amountRemaining")}</dt>
        <dd className="pt-checkout-facts__amount">{money(invoice.amountRemaining, invoice.currency)}</dd>
        {invoice.dueAt && (
          <>
            <dt>{t("portalPay.dueDate")}</dt>
            <dd>{date(invoice.dueAt)}</dd>
          </>
        )}
      </dl>
      {invoice.overdue && invoice.dueAt && (
        <p className="pt-checkout-overdue">
          {t("portalHome.overdueDays", { count: Math.max(1, daysOverdue(invoice.dueAt, new Date())) })}
        </p>
      )}
    </section>
  );
}
