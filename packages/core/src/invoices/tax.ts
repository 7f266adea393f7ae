import { type EntityManager, type ICustomer, TaxRate, type ITaxRate } from "@portico/db";

/**
 * The merchant's tax rate for a customer: none when the customer is exempt or reverse
 * charge; otherwise the active rate for the customer's country and state, then for the
 * country alone, then one without a country (applies everywhere).
 */
export async function taxRateFor(em: EntityManager, customer: ICustomer): Promise<ITaxRate | null> {
  if (customer.taxExempt !== "none") return null;
  const rates = await em.find(
    TaxRate,
    { merchant: customer.merchant.id, active: true },
    { orderBy: { id: "asc" } },
  );
  const country = customer.address?.country?.toUpperCase() ?? null;
  const state = customer.address?.state ?? null;
  return (
    rates.find((r) => country && r.country === country && state && r.state === state) ??
    rates.find((r) => country && r.country === country && !r.state) ??
    rates.find((r) => !r.country) ??
    null
  );
}
