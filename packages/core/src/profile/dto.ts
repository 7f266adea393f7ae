import type { CustomerEditableField, ICustomer, PostalAddress } from "@portico/db";
import { DOCUMENT_LANGUAGES } from "../documents/messages.js";
import { COUNTRY_CODES } from "./countries.js";

/** An e-mail change waiting for its code. */
export interface PendingEmailChangeDto {
  email: string;
  expiresAt: string;
}

/** The customer's billing details as the portal's form shows them: public id only, no balances. */
export interface PortalProfileDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: PostalAddress | null;
  taxId: string | null;
  /** Preferred language; null falls back to the merchant's default. */
  locale: string | null;
  /** The fields this portal configuration lets the customer change. */
  editableFields: CustomerEditableField[];
  pendingEmailChange: PendingEmailChangeDto | null;
  /** What the form may offer: ISO 3166-1 alpha-2 countries, languages Portico writes in. */
  options: { countries: readonly string[]; locales: readonly string[] };
}

export function toPortalProfileDto(
  customer: ICustomer,
  editableFields: readonly CustomerEditableField[],
  pending: PendingEmailChangeDto | null,
): PortalProfileDto {
  return {
    id: customer.publicId,
    name: customer.name,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    address: customer.address ?? null,
    taxId: customer.taxId ?? null,
    locale: customer.locale ?? null,
    editableFields: [...editableFields],
    pendingEmailChange: pending,
    options: { countries: COUNTRY_CODES, locales: DOCUMENT_LANGUAGES },
  };
}
