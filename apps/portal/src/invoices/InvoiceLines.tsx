import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { money } from "../format.js";
import { periodDays, quantityText } from "./invoice-text.js";
import { StackCell, StackRow, StackRowHeader, StackTable } from "./StackTable.js";

type Invoice = RouterOutputs["portal"]["invoices"]["get"];

/** What was billed: one row per line, with its period and any discount or tax on it. */
export function InvoiceLines({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { currency } = invoice;
  const [description, period, quantity, unitPrice, amount] = [
    { label: t("portalInvoices.colDescription") },
    { label: t("portalInvoices.colPeriod") },
    { label: t("portalInvoices.colQuantity"), amount: true },
    { label: t("portalInvoices.colUnitPrice"), amount: true },
    { label: t("portalInvoices.colAmount"), amount: true },
  ] as const;
  return (
    <StackTable
      caption={t("portalInvoices.linesTitle")}
      columns={[description, period, quantity, unitPrice, amount]}
      focusable
    >
      {invoice.lines.map((line) => (
        <StackRow key={line.id}>
          <StackRowHeader>
            <span className="pt-cell-title">{line.description}</span>
            {line.proration && <span className="pt-cell-detail">{t("portalInvoices.prorated")}</span>}
            {line.discountAmount !== 0 && (
              <span className="pt-cell-detail">
                {t("portalInvoices.lineDiscount", { amount: money(-line.discountAmount, currency) })}
              </span>
            )}
            {line.taxAmount !== 0 && (
              <span className="pt-cell-detail">
                {t("portalInvoices.lineTax", { amount: money(line.taxAmount, currency) })}
              </span>
            )}
          </StackRowHeader>
          <StackCell column={period}>
            {line.periodStart &&
              line.periodEnd &&
              t("portalInvoices.period", periodDays(line.periodStart, line.periodEnd))}
          </StackCell>
          <StackCell column={quantity}>{quantityText(line.quantity)}</StackCell>
          <StackCell column={unitPrice}>
            {line.unitAmount !== null && money(line.unitAmount, currency)}
          </StackCell>
          <StackCell column={amount}>{money(line.amount, currency)}</StackCell>
        </StackRow>
      ))}
    </StackTable>
  );
}
