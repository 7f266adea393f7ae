import { AppError } from "../errors.js";

/** An ISO 3166-1 alpha-2 code, upper-cased (`fr` → `FR`). */
export function normalizeCountry(value: string, field: string): string {
  const country = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new AppError("BAD_REQUEST", "INVALID_COUNTRY", "Give an ISO 3166-1 alpha-2 country code.", {
      details: { field },
    });
  }
  return country;
}
