import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import type { Ref } from "react";
import { Link } from "wouter";
import { date, money } from "../format.js";
import { amountOwed } from "./invoice-text.js";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge.js";
import { StackCell, StackRow, StackRowHeader, StackTable } from "./StackTable.js";

type InvoiceRow = RouterOutputs["portal"]["invoices"]["list"]["data"][number];

export interface InvoiceTableProps {
  rows: InvoiceRow[];
  caption: string;
  /** The list's query string, handed to the detail page so its way back keeps the filters. */
  listSearch: string;
  busy: boolean;
  bodyRef: Ref<HTMLTableSectionElement>;
}

/** The invoices: number (the link, and the item `j`/`k` move between), dates, amounts, status. */
export function InvoiceTable({ rows, caption, listSearch, busy, bodyRef }: InvoiceTableProps) {
  const { t } = useTranslation();
  const [invoiceColumn, issued, due, total, remaining, status] = [
    { label: t("portalInvoices.colInvoice") },
    { label: t("portalInvoices.colIssued") },
    { label: t("portalInvoices.colDue") },
    { label: t("portalInvoices.colTotal"), amount: true },
    { label: t("portalInvoices.colRemaining"), amount: true },
    { label: t("portalInvoices.colStatus") },
  ] as const;
  return (
    <StackTable
      caption={caption}
      columns={[invoiceColumn, issued, due, total, remaining, status]}
      busy={busy}
      bodyRef={bodyRef}
    >
      {rows.map((invoice) => (
        <StackRow key={invoice.id}>
          <StackRowHeader>
            <Link href={`/invoices/${invoice.id}`} state={{ listSearch }} data-list-item="">
              {invoice.number ?? invoice.id}
            </Link>
          </StackRowHeader>
          <StackCell column={issued}>{invoice.issuedAt && date(invoice.issuedAt)}</StackCell>
          <StackCell column={due}>
            {invoice.dueAt ? date(invoice.dueAt) : t("portalInvoices.dueAutomatically")}
          </StackCell>
          <StackCell column={total}>{money(invoice.total, invoice.currency)}</StackCell>
          <StackCell column={remaining}>{money(amountOwed(invoice), invoice.currency)}</StackCell>
          <StackCell column={status}>
            <InvoiceStatusBadge invoice={invoice} />
          </StackCell>
        </StackRow>
      ))}
    </StackTable>
  );
}
