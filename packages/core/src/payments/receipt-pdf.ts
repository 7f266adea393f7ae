import { documentFormat } from "../documents/format.js";
import { cardBrand } from "../documents/invoice-pdf.js";
import {
  addressBlock,
  COLORS,
  contentWidth,
  ensureSpace,
  facts,
  letterhead,
  MARGIN,
  openPdf,
  stamp,
  table,
  totals,
  write,
} from "../documents/pdf-layout.js";
import type { ReceiptDocument } from "./receipt-document.js";
import { receiptText, type ReceiptMessageKey } from "./receipt-messages.js";

const STAMP_COLORS = { paid: "#15803d", refunded: "#6b7280" } as const;

/**
 * A payment receipt as a PDF, with the invoice PDF's page furniture: letterhead, a PAID (or
 * REFUNDED) stamp, who paid, the receipt's facts (number, date, method, invoice), what was
 * paid, the refunds made since and the net amount, the merchant's contact; pages numbered.
 */
export async function renderReceiptPdf(document: ReceiptDocument): Promise<Buffer> {
  const fmt = documentFormat(document.locale, document.currency, document.branding.timeZone);
  const r = (key: ReceiptMessageKey, values?: Record<string, string | number>) =>
    receiptText(document.locale.language, key, values);
  const accent = document.branding.primaryColor;
  const title = `${r("receiptTitle")} ${document.number}`;
  const { doc, finish } = openPdf({
    title,
    author: document.branding.name,
    subject: title,
    lang: document.locale.tag,
    pageSize: document.branding.pageSize,
    createdAt: document.paidAt,
  });

  let y = letterhead(doc, document.branding, fmt, r("receiptTitle"));
  const fullyRefunded = document.amountRefunded >= document.amount;
  stamp(
    doc,
    fullyRefunded ? r("stampRefunded") : fmt.t("stampPaid"),
    fullyRefunded ? STAMP_COLORS.refunded : STAMP_COLORS.paid,
  );

  const half = contentWidth(doc) / 2;
  const rows: [string, string][] = [
    [r("receiptNumber"), document.number],
    [r("datePaid"), fmt.date(document.paidAt)],
  ];
  if (document.method?.brand && document.method.last4) {
    rows.push([
      r("paymentMethod"),
      fmt.t("paymentMethod", { brand: cardBrand(document.method.brand), last4: document.method.last4 }),
    ]);
  }
  if (document.invoiceNumber) rows.push([r("invoice"), document.invoiceNumber]);
  const left = addressBlock(doc, fmt, r("receivedFrom"), document.receivedFrom, y, half);
  const right = facts(doc, rows, MARGIN + half, y, half);
  y = Math.max(left, right) + 18;

  const description =
    document.purpose === "wallet_top_up" || !document.invoiceNumber
      ? r("walletTopUp")
      : r("invoicePayment", { number: document.invoiceNumber });
  y = table(
    doc,
    [
      { header: fmt.t("description"), share: 0.75 },
      { header: fmt.t("amount"), share: 0.25, align: "right" },
    ],
    [{ cells: [description, fmt.money(document.amount)] }],
    y,
    accent,
  );
  y = totals(
    doc,
    [{ label: fmt.t("amountPaid"), value: fmt.money(document.amount), strong: true }],
    y + 6,
    accent,
  );

  if (document.refunds.length > 0) {
    y = ensureSpace(doc, y + 16, 60);
    y = write(doc, r("refundsHeading"), MARGIN, y, { bold: true, size: 11, color: accent }) + 4;
    y = table(
      doc,
      [
        { header: fmt.t("date"), share: 0.25 },
        { header: fmt.t("description"), share: 0.5 },
        { header: fmt.t("amount"), share: 0.25, align: "right" },
      ],
      document.refunds.map((refund) => ({
        cells: [
          fmt.date(refund.at),
          r(refund.status === "pending" ? "refundPending" : "refundLine", { reference: refund.reference }),
          fmt.money(-refund.amount),
        ],
      })),
      y,
      accent,
    );
    y = totals(
      doc,
      [
        { label: r("totalRefunded"), value: fmt.money(-document.amountRefunded) },
        { label: r("netPaid"), value: fmt.money(document.amount - document.amountRefunded), strong: true },
      ],
      y + 6,
      accent,
    );
  }

  y = ensureSpace(doc, y + 16, 40);
  y = write(doc, r("thanks"), MARGIN, y, { size: 10 });
  if (document.branding.supportEmail) {
    write(doc, fmt.t("contact", { email: document.branding.supportEmail }), MARGIN, y + 4, {
      size: 9,
      color: COLORS.muted,
    });
  }

  const footer = `${document.branding.name} · ${document.number}`;
  return finish((page, pages) => `${footer} · ${fmt.t("page", { page, pages })}`);
}
