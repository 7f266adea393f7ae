import { currencyFractionDigits } from "@portico/i18n";

const WHOLE = /^(\d+|\d{1,3}([.,'’]\d{3})+)$/;

/**
 * An amount typed in major units ("12.50", "12,50", "1 234,56", "1,234.56") as an integer of
 * minor units, or null when it is not one. The text is split into digit strings and
 * combined as integers, never through a float, so "0.29" is exactly 29. A mark followed by
 * the currency's number of decimals (or fewer) is the decimal mark; any other "." "," or
 * "'" must group thousands.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = currencyFractionDigits(currency);
  const value = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^[\d.,'’]+$/.test(value)) return null;
  const mark = Math.max(value.lastIndexOf("."), value.lastIndexOf(","));
  let whole = value;
  let fraction = "";
  const tail = mark === -1 ? "" : value.slice(mark + 1);
  if (mark !== -1 && /^\d+$/.test(tail) && tail.length <= digits && !(tail.length === 3 && digits < 3)) {
    whole = value.slice(0, mark) || "0";
    fraction = tail;
    // "12.345.6": a mark cannot both group thousands and separate the decimals.
    if (whole.includes(value.charAt(mark))) return null;
  }
  if (!WHOLE.test(whole)) return null;
  const minor =
    BigInt(whole.replace(/[.,'’]/g, "")) * 10n ** BigInt(digits) +
    BigInt(fraction.padEnd(digits, "0") || "0");
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

/** A sample amount as the viewer would type it ("12.50", "12,50", "1250" in yen), for hints. */
export function sampleAmount(currency: string, locale: string): string {
  const digits = currencyFractionDigits(currency);
  const sample = digits === 0 ? "1250" : `12.${"50".padEnd(digits, "0")}`;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, useGrouping: false }).format(
    sample as Intl.StringNumericLiteral,
  );
}
