import type { PostalAddress, TaxExemptStatus } from "@portico/db";
import { checkAmount } from "../common/amount.js";
import { normalizeCountry } from "../common/country.js";
import { optionalText, requiredText } from "../common/text.js";
import { AppError } from "../errors.js";

/** The editable profile of a customer, as integrations send it (create and update). */
export interface CustomerFieldsInput {
  name?: string;
  email?: string | null;
  phone?: string | null;
  address?: PostalAddress | null;
  taxId?: string | null;
  taxExempt?: TaxExemptStatus;
  /** BCP 47 tag; stored in canonical case (`fr-ca` → `fr-CA`). */
  locale?: string | null;
  /** Minor units of the customer's currency; null tracks no limit. */
  creditLimit?: number | null;
}

const LIMITS = { name: 200, email: 320, phone: 40, taxId: 64, locale: 35, addressLine: 200 } as const;
const ADDRESS_KEYS = ["line1", "line2", "city", "state", "postalCode", "country"] as const;

function invalid(reason: string, field: string, message: string): AppError {
  return new AppError("BAD_REQUEST", reason, message, { details: { field } });
}

/** A customer's name: trimmed, required. */
export function normalizeName(name: string): string {
  return requiredText(name, "name", LIMITS.name);
}

/** E-mail addresses are stored trimmed and lower-cased. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const value = optionalText(email, "email", LIMITS.email)?.toLowerCase() ?? null;
  if (value !== null && !/^[^\s@]+@[^\s@]+$/.test(value)) {
    throw invalid("INVALID_EMAIL", "email", "Give a valid e-mail address.");
  }
  return value;
}

function normalizeLocale(locale: string | null | undefined): string | null {
  const value = optionalText(locale, "locale", LIMITS.locale);
  if (value === null) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    if (canonical) return canonical;
  } catch {
    // RangeError: not a well-formed BCP 47 tag.
  }
  throw invalid("INVALID_LOCALE", "locale", "Give a BCP 47 language tag (e.g. en, fr-CA).");
}

function normalizeAddress(address: PostalAddress | null | undefined): PostalAddress | null {
  if (!address) return null;
  const normalized: PostalAddress = {};
  for (const key of ADDRESS_KEYS) {
    const value = optionalText(address[key], `address.${key}`, LIMITS.addressLine);
    if (value !== null) normalized[key] = value;
  }
  if (normalized.country) normalized.country = normalizeCountry(normalized.country, "address.country");
  return Object.keys(normalized).length > 0 ? normalized : null;
}

/** The fields of `input` that were given, normalized; BAD_REQUEST before anything is written. */
export function normalizeCustomerFields(input: CustomerFieldsInput): CustomerFieldsInput {
  const fields: CustomerFieldsInput = {};
  if (input.name !== undefined) fields.name = normalizeName(input.name);
  if (input.email !== undefined) fields.email = normalizeEmail(input.email);
  if (input.phone !== undefined) fields.phone = optionalText(input.phone, "phone", LIMITS.phone);
  if (input.address !== undefined) fields.address = normalizeAddress(input.address);
  if (input.taxId !== undefined) fields.taxId = optionalText(input.taxId, "taxId", LIMITS.taxId);
  if (input.taxExempt !== undefined) fields.taxExempt = input.taxExempt;
  if (input.locale !== undefined) fields.locale = normalizeLocale(input.locale);
  if (input.creditLimit !== undefined) {
    fields.creditLimit = input.creditLimit === null ? null : checkAmount(input.creditLimit, "creditLimit");
  }
  return fields;
}

/** The merchant's own id for a customer: trimmed, at most 255 characters, null when empty. */
export function normalizeExternalId(externalId: string | null | undefined): string | null {
  return optionalText(externalId, "externalId", 255);
}
