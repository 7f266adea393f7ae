import { documentFormat, type DocumentFormat } from "./format.js";
import type { InvoiceDocument } from "./invoice-document.js";
import {
  addressBlock,
  COLORS,
  MARGIN,
  contentWidth,
  ensureSpace,
  facts,
  letterhead,
  openPdf,
  stamp,
  table,
  totals,
  write,
  type Row,
} from "./pdf-layout.js";

const STAMP_COLORS = { paid: "#15803d", void: "#6b7280", alert: "#b91c1c" } as const;

/**
 * The invoice as a PDF: letterhead in the merchant's colours, a status stamp (paid, void,
 * uncollectible, overdue), who it is billed to, every line with its period and proration
 * mark, discount, tax per rate, totals, the payments and credit notes applied, what
 * remains, memo and footer; pages numbered, the lines table carrying on over page breaks.
 */
export async function renderInvoicePdf(document: InvoiceDocument): Promise<Buffer> {
  const fmt = documentFormat(document.locale, document.currency, document.branding.timeZone);
  const accent = document.branding.primaryColor;
  const title = `${fmt.t("invoiceTitle")} ${document.number}`;
  const { doc, finish } = openPdf({
    title,
    author: document.branding.name,
    subject: title,
    lang: document.locale.tag,
    pageSize: document.branding.pageSize,
    createdAt: document.issuedAt,
  });

  let y = letterhead(doc, document.branding, fmt, fmt.t("invoiceTitle"));
  const word = stampWord(document, fmt);
  if (word) stamp(doc, word.text, word.color);

  const half = contentWidth(doc) / 2;
  const left = addressBlock(doc, fmt, fmt.t("billTo"), document.billTo, y, half);
  const right = facts(doc, invoiceFacts(document, fmt), MARGIN + half, y, half);
  y = Math.max(left, right) + 18;

  y = table(
    doc,
    [
      { header: fmt.t("description"), share: 0.5 },
      { header: fmt.t("quantity"), share: 0.1, align: "right" },
      { header: fmt.t("unitPrice"), share: 0.2, align: "right" },
      { header: fmt.t("amount"), share: 0.2, align: "right" },
    ],
    document.lines.map((line) => lineRow(line, fmt)),
    y,
    accent,
  );

  y = totals(doc, totalLines(document, fmt), y + 6, accent);

  const applied = appliedRows(document, fmt);
  if (applied.length > 0) {
    y = ensureSpace(doc, y + 16, 60);
    y = write(doc, fmt.t("paymentsHeading"), MARGIN, y, { bold: true, size: 11, color: accent }) + 4;
    y = table(
      doc,
      [
        { header: fmt.t("date"), share: 0.25 },
        { header: fmt.t("description"), share: 0.5 },
        { header: fmt.t("amount"), share: 0.25, align: "right" },
      ],
      applied,
      y,
      accent,
    );
  }
  y = totals(doc, remainingLines(document, fmt), y + 6, accent);

  for (const text of [document.memo, document.footer]) {
    if (!text) continue;
    y = ensureSpace(doc, y + 12, 30);
    y = write(doc, text, MARGIN, y, { size: 9, color: COLORS.muted });
  }
  if (document.branding.supportEmail) {
    y = ensureSpace(doc, y + 12, 20);
    write(doc, fmt.t("contact", { email: document.branding.supportEmail }), MARGIN, y, {
      size: 9,
      color: COLORS.muted,
    });
  }

  const footer = `${document.branding.name} · ${document.number}`;
  return finish((page, pages) => `${footer} · ${fmt.t("page", { page, pages })}`);
}

function stampWord(document: InvoiceDocument, fmt: DocumentFormat): { text: string; color: string } | null {
  switch (document.status) {
    case "paid":
      return { text: fmt.t("stampPaid"), color: STAMP_COLORS.paid };
    case "void":
      return { text: fmt.t("stampVoid"), color: STAMP_COLORS.void };
    case "uncollectible":
      return { text: fmt.t("stampUncollectible"), color: STAMP_COLORS.alert };
    default:
      return document.overdue ? { text: fmt.t("stampOverdue"), color: STAMP_COLORS.alert } : null;
  }
}

function invoiceFacts(document: InvoiceDocument, fmt: DocumentFormat): [string, string][] {
  const rows: [string, string][] = [
    [fmt.t("invoiceNumber"), document.number],
    [fmt.t("issuedOn"), fmt.date(document.issuedAt)],
  ];
  if (document.dueAt) rows.push([fmt.t("dueOn"), fmt.date(document.dueAt)]);
  if (document.periodStart && document.periodEnd) {
    rows.push([fmt.t("billingPeriod"), period(fmt, document.periodStart, document.periodEnd)]);
  }
  if (document.paidAt && document.status === "paid") rows.push([fmt.t("paidOn"), fmt.date(document.paidAt)]);
  if (document.voidedAt) rows.push([fmt.t("voidedOn"), fmt.date(document.voidedAt)]);
  return rows;
}

/**
 * A period as calendar days. Billing periods end at an instant that is the first moment of
 * the next period, so the last day shown is the day before it.
 */
function period(fmt: DocumentFormat, start: Date, end: Date): string {
  const lastDay = new Date(Math.max(start.getTime(), end.getTime() - 1));
  return fmt.t("linePeriod", { start: fmt.date(start), end: fmt.date(lastDay) });
}

function lineRow(line: InvoiceDocument["lines"][number], fmt: DocumentFormat): Row {
  const notes: string[] = [];
  if (line.periodStart && line.periodEnd) notes.push(period(fmt, line.periodStart, line.periodEnd));
  if (line.proration) notes.push(fmt.t("prorated"));
  const unit =
    line.unitAmountDecimal !== null
      ? fmt.preciseMoney(line.unitAmountDecimal)
      : line.unitAmount !== null
        ? fmt.money(line.unitAmount)
        : "";
  return { cells: [line.description, fmt.quantity(line.quantity), unit, fmt.money(line.amount)], notes };
}

function totalLines(document: InvoiceDocument, fmt: DocumentFormat) {
  const lines: { label: string; value: string; strong?: boolean }[] = [
    { label: fmt.t("subtotal"), value: fmt.money(document.subtotal) },
  ];
  if (document.discountTotal !== 0)
    lines.push({ label: fmt.t("discount"), value: fmt.money(-document.discountTotal) });
  for (const tax of document.taxes) {
    const values = { name: tax.name, rate: fmt.ratePpm(tax.ratePpm) };
    lines.push({
      label: fmt.t(tax.inclusive ? "taxInclusive" : "taxExclusive", values),
      value: fmt.money(tax.amount),
    });
  }
  lines.push({ label: fmt.t("total"), value: fmt.money(document.total), strong: true });
  if (document.balanceApplied !== 0) {
    lines.push({ label: fmt.t("balanceApplied"), value: fmt.money(-document.balanceApplied) });
  }
  if (document.walletCreditApplied !== 0) {
    lines.push({ label: fmt.t("walletCreditApplied"), value: fmt.money(-document.walletCreditApplied) });
  }
  lines.push({ label: fmt.t("amountDue"), value: fmt.money(document.amountDue), strong: true });
  return lines;
}

function appliedRows(document: InvoiceDocument, fmt: DocumentFormat): Row[] {
  const rows: { at: Date; row: Row }[] = [
    ...document.payments.map((payment) => {
      // The method and any refund go under the description, on lines of their own.
      const description = [fmt.t("paymentLine", { reference: payment.reference })];
      if (payment.brand && payment.last4) {
        description.push(fmt.t("paymentMethod", { brand: cardBrand(payment.brand), last4: payment.last4 }));
      }
      if (payment.amountRefunded > 0) {
        description.push(fmt.t("paymentRefunded", { amount: fmt.money(payment.amountRefunded) }));
      }
      return {
        at: payment.at,
        row: { cells: [fmt.date(payment.at), description.join("\n"), fmt.money(-payment.amount)] },
      };
    }),
    ...document.creditNotes.map((note) => ({
      at: note.at,
      row: {
        cells: [fmt.date(note.at), fmt.t("creditNoteLine", { number: note.number }), fmt.money(-note.amount)],
      },
    })),
  ];
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime()).map((entry) => entry.row);
}

function remainingLines(document: InvoiceDocument, fmt: DocumentFormat) {
  const lines: { label: string; value: string; strong?: boolean }[] = [
    { label: fmt.t("amountPaid"), value: fmt.money(document.amountPaid) },
  ];
  if (document.amountCredited !== 0)
    lines.push({ label: fmt.t("amountCredited"), value: fmt.money(document.amountCredited) });
  lines.push({ label: fmt.t("amountRemaining"), value: fmt.money(document.amountRemaining), strong: true });
  return lines;
}

const CARD_BRANDS: Record<string, string> = {
  amex: "American Express",
  diners: "Diners Club",
  jcb: "JCB",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
};

/** Gateways name brands in lower case (`visa`); print them as their owners write them. */
export function cardBrand(brand: string): string {
  return CARD_BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}
