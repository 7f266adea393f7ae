import { AppError } from "../errors.js";

/** The ISO 4217 codes this runtime's ICU knows (current currencies, ~160). */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

/** `eur` → `EUR`; anything that is not an ISO 4217 code is BAD_REQUEST. */
export function normalizeCurrency(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!ISO_CURRENCIES.has(upper)) {
    throw new AppError("BAD_REQUEST", "INVALID_CURRENCY", "Give an ISO 4217 currency code (e.g. USD).", {
      details: { currency: code },
    });
  }
  return upper;
}
