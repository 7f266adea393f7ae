import { LockMode } from "@mikro-orm/core";
import { Customer, type EntityManager, type ICustomer } from "@portico/db";
import type { Actor } from "../actor.js";
import { customerNotFound, resolveCustomer } from "../customers/resolve.js";
import { AppError } from "../errors.js";

/**
 * Whose payments, methods, invoices and wallets a caller may touch: always one merchant's,
 * and only one customer's when `customerId` is set (a portal caller). Outside it is NOT_FOUND.
 */
export interface PaymentScope {
  merchantId: number;
  customerId?: number | null;
}

/** Who acts, within which scope; an integration's MerchantActor is one. */
export type PaymentActor = Actor & PaymentScope;

/** The row filter of a scope. */
export function scopeFilter(scope: PaymentScope): { merchant: number; customer?: number } {
  return { merchant: scope.merchantId, ...(scope.customerId != null ? { customer: scope.customerId } : {}) };
}

/** The scope an actor carries, or null for the system (jobs), which acts on rows it was handed. */
export function scopeOf(actor: Actor | PaymentActor): PaymentScope | null {
  return "merchantId" in actor && typeof actor.merchantId === "number" ? actor : null;
}

/** A customer of the scope's merchant by `cus_…` or external id, and the scope's own one for a portal caller. */
export async function customerInScope(
  em: EntityManager,
  scope: PaymentScope,
  ref: string,
): Promise<ICustomer> {
  const customer = await resolveCustomer(em, scope.merchantId, ref);
  if (scope.customerId != null && scope.customerId !== customer.id) throw customerNotFound();
  return customer;
}

/**
 * Locks the customer row until the transaction ends: changes of one customer's payment
 * methods run one after the other, so the one-default index is never raced.
 */
export async function lockCustomer(em: EntityManager, customerId: number): Promise<ICustomer> {
  return em.findOneOrFail(Customer, customerId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

export const paymentMethodNotFound = () =>
  new AppError("NOT_FOUND", "PAYMENT_METHOD_NOT_FOUND", "No such payment method.");
export const paymentNotFound = () => new AppError("NOT_FOUND", "PAYMENT_NOT_FOUND", "No such payment.");
export const invoiceNotFound = () => new AppError("NOT_FOUND", "INVOICE_NOT_FOUND", "No such invoice.");
