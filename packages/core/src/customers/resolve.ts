import { Customer, type EntityManager, type ICustomer } from "@portico/db";
import { AppError } from "../errors.js";

export function customerNotFound(): AppError {
  return new AppError("NOT_FOUND", "CUSTOMER_NOT_FOUND", "No such customer.");
}

/**
 * A customer of `merchantId`, named by Portico's id (`cus_…`) or the merchant's external id.
 * External ids may look like public ids (a merchant migrating from Stripe keeps `cus_…`),
 * so both columns are matched and Portico's own id wins. Another merchant's customer, a
 * deleted one and an unknown one are the same NOT_FOUND.
 */
export async function resolveCustomer(
  em: EntityManager,
  merchantId: number,
  ref: string,
): Promise<ICustomer> {
  const found = await em.find(
    Customer,
    { merchant: merchantId, deletedAt: null, $or: [{ publicId: ref }, { externalId: ref }] },
    { limit: 2 },
  );
  const customer = found.find((c) => c.publicId === ref) ?? found[0];
  if (!customer) throw customerNotFound();
  return customer;
}
