import { documentFormat } from "./format.js";
import {
  addressBlock,
  COLORS,
  MARGIN,
  contentWidth,
  ensureSpace,
  facts,
  letterhead,
  openPdf,
  table,
  totals,
  write,
} from "./pdf-layout.js";
import {
  entryDescription,
  entryType,
  lastInstant,
  summaryLines,
  type StatementDocument,
} from "./statement-document.js";

/**
 * The statement as a PDF: letterhead, the customer, the period, a summary (opening
 * balance, invoiced, paid, credited, refunded, closing balance), then every entry in date
 * order with the running balance, between an opening and a closing row.
 */
export async function renderStatementPdf(document: StatementDocument): Promise<Buffer> {
  const fmt = documentFormat(document.locale, document.currency, document.branding.timeZone);
  const accent = document.branding.primaryColor;
  const title = fmt.t("statementTitle");
  const period = fmt.t("linePeriod", {
    start: fmt.date(document.periodStart),
    end: fmt.date(lastInstant(document)),
  });
  const { doc, finish } = openPdf({
    title: `${title} ${period}`,
    author: document.branding.name,
    subject: `${title} — ${document.customer.name}`,
    lang: document.locale.tag,
    pageSize: document.branding.pageSize,
    createdAt: document.generatedAt,
  });

  let y = letterhead(doc, document.branding, fmt, title);
  const half = contentWidth(doc) / 2;
  const left = addressBlock(doc, fmt, fmt.t("customer"), document.customer, y, half);
  const right = facts(
    doc,
    [
      [fmt.t("statementPeriod"), period],
      [fmt.t("currency"), document.currency],
      [fmt.t("generatedOn"), fmt.date(document.generatedAt)],
    ],
    MARGIN + half,
    y,
    half,
  );
  y = Math.max(left, right) + 12;
  y = totals(
    doc,
    summaryLines(document).map((line) => ({
      label: fmt.t(line.key),
      value: fmt.money(line.amount),
      strong: line.key === "closingBalance",
    })),
    y,
    accent,
  );

  const { ledger } = document;
  const opening = {
    cells: [
      fmt.date(document.periodStart),
      fmt.t("openingBalance"),
      "",
      "",
      "",
      fmt.money(ledger.openingBalance),
    ],
    bold: true,
  };
  const closing = {
    cells: [
      fmt.date(lastInstant(document)),
      fmt.t("closingBalance"),
      "",
      "",
      "",
      fmt.money(ledger.closingBalance),
    ],
    bold: true,
  };
  y = table(
    doc,
    [
      { header: fmt.t("date"), share: 0.14 },
      { header: fmt.t("type"), share: 0.17 },
      { header: fmt.t("reference"), share: 0.17 },
      { header: fmt.t("description"), share: 0.2 },
      { header: fmt.t("amount"), share: 0.16, align: "right" },
      { header: fmt.t("balance"), share: 0.16, align: "right" },
    ],
    [
      opening,
      ...ledger.entries.map((entry) => ({
        cells: [
          fmt.date(entry.at),
          entryType(entry, fmt),
          entry.reference,
          entryDescription(entry, fmt),
          fmt.money(entry.amount),
          fmt.money(entry.balance),
        ],
      })),
      closing,
    ],
    y + 16,
    accent,
  );
  if (ledger.entries.length === 0)
    y = write(doc, fmt.t("noActivity"), MARGIN, ensureSpace(doc, y + 6, 20), { size: 9 });
  y = ensureSpace(doc, y + 10, 30);
  write(doc, fmt.t("balanceNote", { merchant: document.branding.name }), MARGIN, y, {
    size: 8,
    color: COLORS.muted,
  });

  const footer = `${document.branding.name} · ${title} · ${document.customer.name}`;
  return finish((page, pages) => `${footer} · ${fmt.t("page", { page, pages })}`);
}
