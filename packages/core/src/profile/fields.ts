import type { CustomerEditableField, ICustomer, PostalAddress } from "@portico/db";
import { normalizeCustomerFields } from "../customers/fields.js";
import { DOCUMENT_LANGUAGES } from "../documents/messages.js";
import { AppError } from "../errors.js";
import { isCountryCode } from "./countries.js";

/** What the billing-details form changes; null clears an optional field. */
export interface PortalProfileChanges {
  name?: string;
  phone?: string | null;
  address?: PostalAddress | null;
  taxId?: string | null;
  locale?: string | null;
}

/**
 * FORBIDDEN `FIELD_NOT_EDITABLE` (naming them) when any of `fields` is not among the
 * configuration's `customerUpdate.allowedFields`: the whole change is refused.
 */
export function assertEditable(editable: readonly CustomerEditableField[], fields: readonly string[]): void {
  const refused = fields.filter((field) => !editable.includes(field as CustomerEditableField));
  if (refused.length === 0) return;
  throw new AppError(
    "FORBIDDEN",
    "FIELD_NOT_EDITABLE",
    `The portal does not let you change ${refused.join(", ")}.`,
    {
      details: { fields: refused },
    },
  );
}

function invalid(reason: string, field: string, message: string, details: Record<string, unknown> = {}) {
  return new AppError("BAD_REQUEST", reason, message, { details: { field, ...details } });
}

/**
 * The given fields trimmed and normalized as the integration API stores them, plus the
 * portal's stricter rules: a country must be an assigned ISO code and the language one
 * Portico writes documents and the portal in. BAD_REQUEST before anything is written.
 */
export function normalizeProfileChanges(input: PortalProfileChanges): Partial<ICustomer> {
  const changes = normalizeCustomerFields(input) as Partial<ICustomer>;
  const country = changes.address?.country;
  if (country && !isCountryCode(country)) {
    throw invalid("INVALID_COUNTRY", "address.country", `${country} is not an ISO 3166-1 country code.`);
  }
  if (changes.locale) {
    const language = new Intl.Locale(changes.locale).language;
    if (!(DOCUMENT_LANGUAGES as readonly string[]).includes(language)) {
      throw invalid("UNSUPPORTED_LOCALE", "locale", `The portal is not available in ${changes.locale}.`, {
        supported: [...DOCUMENT_LANGUAGES],
      });
    }
  }
  return changes;
}
