import { Customer, Merchant, type EntityManager, type IStatement, type StatementFormat } from "@portico/db";
import { addressLines, loadDocumentBranding } from "./branding.js";
import { documentLocale, safeTimeZone } from "./format.js";
import { type StatementDocument } from "./statement-document.js";
import { renderStatementCsv } from "./statement-csv.js";
import { computeStatementLedger } from "./statement-ledger.js";
import { calendarDay } from "./statement-period.js";
import { renderStatementPdf } from "./statement-pdf.js";
import { renderStatementXlsx } from "./statement-xlsx.js";

/** Reads everything a statement file shows, its ledger computed as of now. */
export async function loadStatementDocument(
  em: EntityManager,
  statement: IStatement,
  generatedAt: Date,
): Promise<StatementDocument> {
  if (statement.periodEnd.getTime() <= statement.periodStart.getTime()) {
    throw new Error(`statement ${statement.publicId} has an empty period`);
  }
  const merchant = await em.findOneOrFail(Merchant, statement.merchant.id);
  const customer = await em.findOneOrFail(Customer, statement.customer.id);
  return {
    branding: await loadDocumentBranding(em, merchant),
    locale: documentLocale(statement.locale, customer.locale, merchant.defaultLocale),
    currency: statement.currency,
    customer: {
      name: customer.name,
      email: customer.email ?? null,
      addressLines: addressLines(customer.address),
      taxId: customer.taxId ?? null,
    },
    periodStart: statement.periodStart,
    periodEnd: statement.periodEnd,
    generatedAt,
    ledger: await computeStatementLedger(em, {
      customerId: customer.id,
      currency: statement.currency,
      periodStart: statement.periodStart,
      periodEnd: statement.periodEnd,
    }),
  };
}

export interface RenderedFile {
  data: Buffer;
  filename: string;
  contentType: string;
}

const CONTENT_TYPES: Record<StatementFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The statement file in `format`, named after its period (`statement-2026-01-01_2026-03-31.pdf`). */
export async function renderStatementFile(
  document: StatementDocument,
  format: StatementFormat,
): Promise<RenderedFile> {
  const zone = safeTimeZone(document.branding.timeZone);
  const last = new Date(Math.max(document.periodStart.getTime(), document.periodEnd.getTime() - 1));
  const filename = `statement-${calendarDay(document.periodStart, zone)}_${calendarDay(last, zone)}.${format}`;
  const data =
    format === "pdf"
      ? await renderStatementPdf(document)
      : format === "csv"
        ? renderStatementCsv(document)
        : await renderStatementXlsx(document);
  return { data, filename, contentType: CONTENT_TYPES[format] };
}
