import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { useId } from "react";
import { date } from "../format.js";
import { countryName, periodDays } from "./invoice-text.js";

type Invoice = RouterOutputs["portal"]["invoices"]["get"];

/** Dates and period of the invoice, and who it is billed to as it was issued. */
export function InvoiceFacts({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const billedToId = useId();
  const { billedTo } = invoice;
  const address = billedTo.address;
  const cityLine = address && [address.postalCode, address.city].filter(Boolean).join(" ");
  const country = address?.country && countryName(address.country);
  const addressLines = address
    ? [address.line1, address.line2, cityLine, address.state, country].filter((line) => !!line)
    : [];
  return (
    <div className="pt-inv-facts">
      <dl className="pt-inv-dates">
        {invoice.issuedAt && (
          <div>
            <dt>{t("portalInvoices.issuedOn")}</dt>
            <dd>{date(invoice.issuedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t("portalInvoices.dueOn")}</dt>
          <dd>{invoice.dueAt ? date(invoice.dueAt) : t("portalInvoices.dueAutomatically")}</dd>
        </div>
        {invoice.periodStart && invoice.periodEnd && (
          <div>
            <dt>{t("portalInvoices.billingPeriod")}</dt>
            <dd>{t("portalInvoices.period", periodDays(invoice.periodStart, invoice.periodEnd))}</dd>
          </div>
        )}
        {invoice.status === "paid" && invoice.paidAt && (
          <div>
            <dt>{t("portalInvoices.paidOn")}</dt>
            <dd>{date(invoice.paidAt)}</dd>
          </div>
        )}
        {invoice.voidedAt && (
          <div>
            <dt>{t("portalInvoices.voidedOn")}</dt>
            <dd>{date(invoice.voidedAt)}</dd>
          </div>
        )}
      </dl>
      <section className="pt-inv-billed-to" aria-labelledby={billedToId}>
        <h2 id={billedToId}>{t("portalInvoices.billedTo")}</h2>
        <address>
          <span>{billedTo.name}</span>
          {billedTo.email && <span>{billedTo.email}</span>}
          {addressLines.map((line) => (
            <span key={line}>{line}</span>
          ))}
          {billedTo.taxId && <span>{t("portalInvoices.taxId", { taxId: billedTo.taxId })}</span>}
        </address>
      </section>
    </div>
  );
}
