import { stringify } from "csv-stringify/sync";
import { currencyDigits, documentFormat, toMajorUnits } from "./format.js";
import { entryDescription, entryType, lastInstant, type StatementDocument } from "./statement-document.js";
import { calendarDay } from "./statement-period.js";

/**
 * The statement as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, quote or line break), for spreadsheets and accounting imports:
 * - a UTF-8 byte order mark first, so Excel reads accented text as UTF-8, not ANSI;
 * - a header row in the customer's language, then an opening-balance row, one row per
 *   entry, and a closing-balance row;
 * - dates as ISO 8601 days in the merchant's time zone and amounts as plain decimals in
 *   major units with a dot (`-12.50`): machine-readable whatever the locale; the currency
 *   has a column of its own;
 * - text that starts like a formula (`=`, `+`, `-`, `@`) gets a leading apostrophe, so a
 *   spreadsheet shows it instead of running it.
 */
export function renderStatementCsv(document: StatementDocument): Buffer {
  const fmt = documentFormat(document.locale, document.currency, document.branding.timeZone);
  const zone = fmt.timeZone;
  const amount = (minor: number) =>
    toMajorUnits(minor, document.currency).toFixed(currencyDigits(document.currency));
  const { ledger } = document;
  const rows: string[][] = [
    [
      fmt.t("date"),
      fmt.t("type"),
      fmt.t("reference"),
      fmt.t("description"),
      fmt.t("amount"),
      fmt.t("balance"),
      fmt.t("currency"),
    ],
    [
      calendarDay(document.periodStart, zone),
      fmt.t("openingBalance"),
      "",
      "",
      "",
      amount(ledger.openingBalance),
      document.currency,
    ],
    ...ledger.entries.map((entry) => [
      calendarDay(entry.at, zone),
      text(entryType(entry, fmt)),
      text(entry.reference),
      text(entryDescription(entry, fmt)),
      amount(entry.amount),
      amount(entry.balance),
      document.currency,
    ]),
    [
      calendarDay(lastInstant(document), zone),
      fmt.t("closingBalance"),
      "",
      "",
      "",
      amount(ledger.closingBalance),
      document.currency,
    ],
  ];
  return Buffer.from(stringify(rows, { bom: true, record_delimiter: "windows" }), "utf8");
}

function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
