import { Customer, type EntityManager, type ICustomer } from "@portico/db";
import { findPage, type Page, type PageParams } from "../common/keyset-page.js";
import { normalizeEmail } from "./fields.js";

export interface ListCustomersInput extends PageParams {
  /** Exact match, case-insensitive. */
  email?: string;
  externalId?: string;
}

/** The merchant's live customers, newest first, a keyset page at a time. */
export async function listCustomers(
  em: EntityManager,
  merchantId: number,
  input: ListCustomersInput,
): Promise<Page<ICustomer>> {
  const where = {
    merchant: merchantId,
    deletedAt: null,
    ...(input.email === undefined ? {} : { email: normalizeEmail(input.email) }),
    ...(input.externalId === undefined ? {} : { externalId: input.externalId.trim() }),
  };
  return findPage(em, Customer, { table: "customer", merchantId, where }, input);
}
