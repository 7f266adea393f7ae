import type { ICustomer, PostalAddress, TaxExemptStatus } from "@portico/db";

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

/** A customer as the merchant's backend sees it (integration API): public ids, ISO dates. */
export interface CustomerDto extends CustomerProfileDto {
  /** The merchant's own id for this customer. */
  externalId: string | null;
  phone: string | null;
  taxId: string | null;
  taxExempt: TaxExemptStatus;
  /** Minor units of `currency`; null when no limit is tracked. */
  creditLimit: number | null;
  /** Minor units: positive is owed by the customer, negative is credit. */
  balance: number;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export function toCustomerDto(customer: ICustomer): CustomerDto {
  return {
    ...toCustomerProfileDto(customer),
    externalId: customer.externalId ?? null,
    phone: customer.phone ?? null,
    taxId: customer.taxId ?? null,
    taxExempt: customer.taxExempt,
    creditLimit: customer.creditLimit ?? null,
    balance: customer.balance,
    metadata: customer.metadata,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

/** What deleting a customer answers (Stripe's shape). */
export interface DeletedCustomerDto {
  id: string;
  deleted: true;
}
