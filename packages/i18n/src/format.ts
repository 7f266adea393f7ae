const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Minor units per major unit, from ISO 4217 through Intl: USD 2, JPY 0, KWD 3. */
export function currencyFractionDigits(currency: string): number {
  return moneyFormat(currency, "en").resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats an integer amount of minor units. The amount is turned into an exact decimal
 * string (Intl formats strings without going through a float), so no rounding can creep in.
 */
export function formatMoney(minor: number | bigint, currency: string, locale: string): string {
  if (typeof minor === "number" && !Number.isSafeInteger(minor)) {
    throw new RangeError(`Money must be an integer number of minor units, got ${minor}`);
  }
  const digits = currencyFractionDigits(currency);
  const value = BigInt(minor);
  const sign = value < 0n ? "-" : "";
  const units = (value < 0n ? -value : value).toString().padStart(digits + 1, "0");
  const decimal = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return moneyFormat(currency, locale).format(`${sign}${decimal}` as Intl.StringNumericLiteral);
}

/** Formats an instant (Date, ISO string or epoch ms); medium date style by default. */
export function formatDate(
  value: Date | string | number,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  return new Intl.DateTimeFormat(locale, options).format(new Date(value));
}
