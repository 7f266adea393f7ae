import { Customer, type EntityManager, type ICustomer } from "@portico/db";
import type { Actor } from "../actor.js";
import { customerNotFound } from "../customers/resolve.js";

/** The signed-in customer a portal call acts for, as the portal's procedure builder resolved it. */
export interface PortalScope {
  merchantId: number;
  customerId: number;
}

/** A portal caller acting within its own customer, for the audit trail of a change. */
export type PortalActor = Actor & PortalScope;

/** The scope's customer; a deleted one is NOT_FOUND. */
export async function portalCustomer(em: EntityManager, scope: PortalScope): Promise<ICustomer> {
  const customer = await em.findOne(Customer, {
    id: scope.customerId,
    merchant: scope.merchantId,
    deletedAt: null,
  });
  if (!customer) throw customerNotFound();
  return customer;
}
