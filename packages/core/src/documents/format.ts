import {
  DOCUMENT_LANGUAGES,
  DOCUMENT_MESSAGES,
  fillMessage,
  type DocumentLanguage,
  type DocumentMessageKey,
} from "./messages.js";

/**
 * How a document speaks: the language of its words (`en`, `fr`) and the viewer's own
 * BCP 47 tag for `Intl`, so an en-GB customer reads English with day-first dates. Dates are
 * shown in the merchant's time zone, money in the document's currency.
 */
export interface DocumentLocale {
  language: DocumentLanguage;
  tag: string;
}

const FALLBACK: DocumentLocale = { language: "en", tag: "en" };

/** The first well-formed tag of `candidates` whose language documents are written in; else English. */
export function documentLocale(...candidates: (string | null | undefined)[]): DocumentLocale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    let tag: string | undefined;
    try {
      tag = Intl.getCanonicalLocales(candidate)[0];
    } catch {
      continue; // not a BCP 47 tag
    }
    if (!tag) continue;
    const language = new Intl.Locale(tag).language;
    const supported = DOCUMENT_LANGUAGES.find((l) => l === language);
    if (supported) return { language: supported, tag };
  }
  return FALLBACK;
}

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point of `currency` (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    // Building an Intl formatter is slow; a statement asks once per amount.
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Minor units as a decimal number of major units (1234 EUR cents → 12.34), for CSV and XLSX cells. */
export function toMajorUnits(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  // Exact in decimal: the string is cut, not the float divided (0.1 + 0.2 never appears).
  return Number(decimalText(BigInt(minor), digits));
}

function decimalText(value: bigint, digits: number): string {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Formatters and words of one document. */
export interface DocumentFormat {
  locale: DocumentLocale;
  currency: string;
  timeZone: string;
  t(key: DocumentMessageKey, values?: Record<string, string | number>): string;
  /** Minor units in the document's currency (`€12.34`, `12,34 €`). */
  money(minor: number): string;
  /** A unit price finer than the minor unit (`unitAmountDecimal`, minor units as decimal text). */
  preciseMoney(minorDecimal: string): string;
  /** A calendar date in the merchant's time zone (`Mar 1, 2026`, `1 mars 2026`). */
  date(at: Date): string;
  /** Usage quantities may be fractional: up to 6 decimals. */
  quantity(value: number): string;
  /** A rate in parts per million as a percentage (`200000` → `20%`). */
  ratePpm(ppm: number): string;
}

export function documentFormat(locale: DocumentLocale, currency: string, zone: string): DocumentFormat {
  const timeZone = safeTimeZone(zone);
  const digits = currencyDigits(currency);
  const moneyFormat = new Intl.NumberFormat(locale.tag, { style: "currency", currency });
  const preciseFormat = new Intl.NumberFormat(locale.tag, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.min(digits + 6, 20),
  });
  const dateFormat = new Intl.DateTimeFormat(locale.tag, { dateStyle: "medium", timeZone });
  const quantityFormat = new Intl.NumberFormat(locale.tag, { maximumFractionDigits: 6 });
  const percentFormat = new Intl.NumberFormat(locale.tag, { style: "percent", maximumFractionDigits: 4 });
  const messages = DOCUMENT_MESSAGES[locale.language];
  return {
    locale,
    currency,
    timeZone,
    t: (key, values) => fillMessage(messages[key], values),
    // Formatting the exact decimal text keeps amounts beyond 2^53 / 100 exact too.
    money: (minor) => moneyFormat.format(decimalText(BigInt(minor), digits) as `${number}`),
    preciseMoney: (minorDecimal) => preciseFormat.format(shiftDecimal(minorDecimal, digits) as `${number}`),
    date: (at) => dateFormat.format(at),
    quantity: (value) => quantityFormat.format(value),
    ratePpm: (ppm) => percentFormat.format(ppm / 1_000_000),
  };
}

/** "12.5" minor units with 2 digits → "0.125" major units, without float rounding. */
function shiftDecimal(minorDecimal: string, digits: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(minorDecimal.trim());
  if (!match) return "0";
  const [, sign = "", whole = "0", fraction = ""] = match;
  const padded = whole.padStart(digits + 1, "0");
  const major = digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}${fraction}`;
  return `${sign}${digits === 0 && fraction ? `${major}.${fraction}` : major}`;
}

/** `zone` when this runtime knows it, else UTC (a bad merchant setting must not break documents). */
export function safeTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}
