import { useTranslation } from "@portico/i18n";
import { EmptyState, useListKeyboard } from "@portico/ui";
import { useId, useRef } from "react";
import { Link } from "wouter";
import { date, money } from "../format.js";
import { InvoiceStatusBadge } from "../invoices/InvoiceStatusBadge.js";
import { daysOverdue } from "./days-overdue.js";
import type { SummaryInvoice } from "./types.js";

export interface OpenInvoicesProps {
  /** The open invoices due first (overdue ones lead). */
  invoices: readonly SummaryInvoice[];
  /** How many open invoices there are in all. */
  total: number;
}

/** The invoices to pay, each with "Pay now"; or "You're all caught up!". j/k move, Enter opens. */
export function OpenInvoices({ invoices, total }: OpenInvoicesProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const list = useRef<HTMLUListElement>(null);
  useListKeyboard(list);
  const more = total - invoices.length;
  return (
    <section className="pt-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("portalHome.invoicesTitle")}</h2>
      {invoices.length === 0 ? (
        <EmptyState level={3} title={t("portalHome.allCaughtUp")} />
      ) : (
        <ul className="pt-records" ref={list}>
          {invoices.map((invoice) => (
            <OpenInvoice key={invoice.id} invoice={invoice} />
          ))}
        </ul>
      )}
      <p className="pt-actions pt-home-more">
        {more > 0 && <span>{t("portalHome.moreOpen", { count: more })}</span>}
        <Link href="/invoices">{t("portalHome.viewInvoices")}</Link>
      </p>
    </section>
  );
}

function OpenInvoice({ invoice }: { invoice: SummaryInvoice }) {
  const { t } = useTranslation();
  const nameId = useId();
  const days = invoice.overdue && invoice.dueAt ? Math.max(1, daysOverdue(invoice.dueAt, new Date())) : 0;
  return (
    // Focused by j/k only (tabIndex -1): Tab goes straight to its links.
    <li className="pt-record" data-list-item tabIndex={-1} aria-labelledby={nameId}>
      <div className="pt-record-head">
        <Link id={nameId} className="pt-home-record-title" href={`/invoices/${invoice.id}`}>
          {invoice.number
            ? t("portalHome.invoiceLink", { number: invoice.number })
            : t("portalHome.invoiceNoNumber")}
        </Link>
        <InvoiceStatusBadge invoice={invoice} />
      </div>
      <dl>
        <dt>{t("portalHome.amountRemaining")}</dt>
        <dd>{money(invoice.amountRemaining, invoice.currency)}</dd>
        {invoice.dueAt && (
          <>
            <dt>{t("portalHome.dueDate")}</dt>
            <dd>{date(invoice.dueAt)}</dd>
          </>
        )}
      </dl>
      {days > 0 && <p className="pt-home-overdue">{t("portalHome.overdueDays", { count: days })}</p>}
      <div className="pt-actions">
        <Link
          className="pt-button pt-button--primary pt-home-pay"
          href={`/invoices/${invoice.id}/pay`}
          aria-describedby={nameId}
        >
          {t("portalHome.payNow")}
        </Link>
      </div>
    </li>
  );
}
