import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { money } from "../format.js";
import { amountOwed, ratePercent } from "./invoice-text.js";

type Invoice = RouterOutputs["portal"]["invoices"]["get"];

/**
 * From subtotal to what remains to pay, in the order the PDF prints it: discount, tax per
 * rate, total, balance and wallet credit used, amount due, then paid, credited, remaining.
 */
export function InvoiceTotals({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const amount = (minor: number) => money(minor, invoice.currency);
  const rows: { label: string; value: string; strong?: boolean }[] = [
    { label: t("portalInvoices.subtotal"), value: amount(invoice.subtotal) },
  ];
  if (invoice.discountTotal !== 0) {
    rows.push({
      label: invoice.discountName
        ? t("portalInvoices.discountNamed", { name: invoice.discountName })
        : t("portalInvoices.discount"),
      value: amount(-invoice.discountTotal),
    });
  }
  for (const tax of invoice.taxes) {
    const values = { name: tax.name, rate: ratePercent(tax.ratePpm) };
    rows.push({
      label: tax.inclusive
        ? t("portalInvoices.taxInclusive", values)
        : t("portalInvoices.taxExclusive", values),
      value: amount(tax.amount),
    });
  }
  rows.push({ label: t("portalInvoices.total"), value: amount(invoice.total), strong: true });
  if (invoice.balanceApplied !== 0) {
    rows.push({ label: t("portalInvoices.balanceApplied"), value: amount(-invoice.balanceApplied) });
  }
  if (invoice.walletCreditApplied !== 0) {
    rows.push({
      label: t("portalInvoices.walletCreditApplied"),
      value: amount(-invoice.walletCreditApplied),
    });
  }
  rows.push({ label: t("portalInvoices.amountDue"), value: amount(invoice.amountDue) });
  rows.push({ label: t("portalInvoices.amountPaid"), value: amount(invoice.amountPaid) });
  if (invoice.amountCredited !== 0) {
    rows.push({ label: t("portalInvoices.amountCredited"), value: amount(invoice.amountCredited) });
  }
  rows.push({
    label: t("portalInvoices.amountRemaining"),
    value: amount(amountOwed(invoice)),
    strong: true,
  });

  return (
    <dl className="pt-inv-totals">
      {rows.map((row) => (
        <div
          key={row.label}
          className={row.strong ? "pt-inv-totals__row pt-inv-totals__row--strong" : "pt-inv-totals__row"}
        >
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
