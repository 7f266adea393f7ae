import type { ICustomer, PostalAddress } from "@portico/db";

/** A customer's own profile as the portal shows it: public id only, no balances or gateway ids. */
export interface CustomerProfileDto {
  id: string;
  name: string;
  email: string | null;
  address: PostalAddress | null;
  /** Preferred language; null falls back to the merchant's default. */
  locale: string | null;
  /** ISO 4217, upper case. */
  currency: string;
}

export function toCustomerProfileDto(customer: ICustomer): CustomerProfileDto {
  return {
    id: customer.publicId,
    name: customer.name,
    email: customer.email ?? null,
    address: customer.address ?? null,
    locale: customer.locale ?? null,
    currency: customer.currency,
  };
}
