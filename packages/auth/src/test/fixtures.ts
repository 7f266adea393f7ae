import { Customer, Merchant, type EntityManager, type ICustomer, type IMerchant } from "@portico/db";

export interface TwoMerchants {
  a: { merchant: IMerchant; customer: ICustomer; other: ICustomer };
  b: { merchant: IMerchant; customer: ICustomer };
}

/** Merchant A with customers "a-1" and "a-2", merchant B with customer "b-1" (external ids). */
export async function seedTwoMerchants(em: EntityManager): Promise<TwoMerchants> {
  const merchantA = em.create(Merchant, { slug: "alpha", name: "Alpha" });
  const merchantB = em.create(Merchant, { slug: "beta", name: "Beta" });
  const customer = (merchant: IMerchant, externalId: string) =>
    em.create(Customer, { merchant, externalId, name: externalId, currency: "USD" });
  const result: TwoMerchants = {
    a: { merchant: merchantA, customer: customer(merchantA, "a-1"), other: customer(merchantA, "a-2") },
    b: { merchant: merchantB, customer: customer(merchantB, "b-1") },
  };
  await em.flush();
  return result;
}
