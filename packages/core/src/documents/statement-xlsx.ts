import ExcelJS from "exceljs";
import { currencyDigits, documentFormat, toMajorUnits } from "./format.js";
import {
  entryDescription,
  entryType,
  lastInstant,
  summaryLines,
  type StatementDocument,
} from "./statement-document.js";
import { calendarDay } from "./statement-period.js";

/**
 * The statement as an Excel workbook (exceljs): one sheet with the merchant, customer and
 * period at the top, the summary, then the entries as a table (filterable, header frozen).
 * Amounts are numbers in major units with a currency number format (`#,##0.00 "EUR"`), so
 * they add up in a spreadsheet; dates are real dates (the calendar day in the merchant's
 * time zone) shown as yyyy-mm-dd.
 */
export async function renderStatementXlsx(document: StatementDocument): Promise<Buffer> {
  const fmt = documentFormat(document.locale, document.currency, document.branding.timeZone);
  const digits = currencyDigits(document.currency);
  const moneyFormat = `#,##0${digits > 0 ? `.${"0".repeat(digits)}` : ""} "${document.currency}"`;
  const money = (minor: number) => toMajorUnits(minor, document.currency);
  const day = (at: Date) => {
    const [year, month, date] = calendarDay(at, fmt.timeZone).split("-").map(Number) as [
      number,
      number,
      number,
    ];
    return new Date(Date.UTC(year, month - 1, date));
  };
  const { ledger } = document;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = document.branding.name;
  workbook.created = document.generatedAt;
  workbook.modified = document.generatedAt;
  const sheet = workbook.addWorksheet(sheetName(fmt.t("statementTitle")));
  sheet.columns = [{ width: 12 }, { width: 22 }, { width: 20 }, { width: 22 }, { width: 16 }, { width: 16 }];

  sheet.addRow([document.branding.name]).font = { bold: true, size: 14 };
  sheet.addRow([fmt.t("statementTitle")]).font = { bold: true, size: 12 };
  sheet.addRow([fmt.t("customer"), document.customer.name]);
  const period = sheet.addRow([
    fmt.t("statementPeriod"),
    day(document.periodStart),
    day(lastInstant(document)),
  ]);
  period.getCell(2).numFmt = "yyyy-mm-dd";
  period.getCell(3).numFmt = "yyyy-mm-dd";
  sheet.addRow([fmt.t("currency"), document.currency]);
  const generated = sheet.addRow([fmt.t("generatedOn"), day(document.generatedAt)]);
  generated.getCell(2).numFmt = "yyyy-mm-dd";
  sheet.addRow([]);
  for (const line of summaryLines(document)) {
    const row = sheet.addRow([fmt.t(line.key), money(line.amount)]);
    row.getCell(2).numFmt = moneyFormat;
    if (line.key === "closingBalance") row.font = { bold: true };
  }
  sheet.addRow([]);

  const header = sheet.addRow([
    fmt.t("date"),
    fmt.t("type"),
    fmt.t("reference"),
    fmt.t("description"),
    fmt.t("amount"),
    fmt.t("balance"),
  ]);
  header.font = {
    bold: true,
    color: { argb: `FF${document.branding.primaryColor.replace("#", "").toUpperCase().padEnd(6, "0")}` },
  };
  const firstTableRow = header.number;
  const addLine = (values: (Date | string | number | null)[], bold = false) => {
    const row = sheet.addRow(values);
    row.getCell(1).numFmt = "yyyy-mm-dd";
    row.getCell(5).numFmt = moneyFormat;
    row.getCell(6).numFmt = moneyFormat;
    if (bold) row.font = { bold: true };
  };
  addLine(
    [day(document.periodStart), fmt.t("openingBalance"), null, null, null, money(ledger.openingBalance)],
    true,
  );
  for (const entry of ledger.entries) {
    addLine([
      day(entry.at),
      entryType(entry, fmt),
      entry.reference,
      entryDescription(entry, fmt),
      money(entry.amount),
      money(entry.balance),
    ]);
  }
  addLine(
    [day(lastInstant(document)), fmt.t("closingBalance"), null, null, null, money(ledger.closingBalance)],
    true,
  );
  sheet.autoFilter = { from: { row: firstTableRow, column: 1 }, to: { row: sheet.rowCount, column: 6 } };
  sheet.views = [{ state: "frozen", ySplit: firstTableRow }];

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31);
}
