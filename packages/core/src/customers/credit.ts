import type { EntityManager } from "@portico/db";
import type { MerchantActor } from "../common/actor.js";
import { resolveCustomer } from "./resolve.js";

export interface CustomerCreditDto {
  currency: string;
  /** The account balance: positive is owed, negative is credit to spend. */
  balance: number;
  /** What open and uncollectible invoices still ask for. */
  outstanding: number;
  /** outstanding + balance: what the customer owes in all (negative: in credit). */
  owed: number;
  /** null when the merchant tracks no limit for this customer. */
  creditLimit: number | null;
  /** How much more the customer may owe before reaching the limit (never below 0). */
  availableCredit: number | null;
  overLimit: boolean;
}

/**
 * A customer's balance, credit limit and available credit, from one aggregate over its
 * unpaid invoices (the `(customer, status, due_at)` index) — never a scan of all invoices.
 */
export async function getCustomerCredit(
  em: EntityManager,
  actor: Pick<MerchantActor, "merchantId">,
  ref: string,
): Promise<CustomerCreditDto> {
  const customer = await resolveCustomer(em, actor.merchantId, ref);
  const [row] = await em.execute<{ outstanding: string | number }[]>(
    `select coalesce(sum("amount_remaining"), 0) as "outstanding" from "invoice"
      where "customer_id" = ? and "status" in ('open', 'uncollectible')`,
    [customer.id],
  );
  const outstanding = Number(row?.outstanding ?? 0);
  const owed = outstanding + customer.balance;
  const limit = customer.creditLimit ?? null;
  return {
    currency: customer.currency,
    balance: customer.balance,
    outstanding,
    owed,
    creditLimit: limit,
    availableCredit: limit === null ? null : Math.max(limit - owed, 0),
    overLimit: limit !== null && owed > limit,
  };
}
