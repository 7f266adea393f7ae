import { CustomerUser, type EntityManager } from "@portico/db";
import { actorFields } from "../actor.js";
import type { PortalActor, PortalScope } from "../portal/scope.js";

/**
 * A portal caller: its customer, and the login user acting (null for a redeemed portal link
 * or a customer token, which act for the whole account).
 */
export interface PortalUserScope extends PortalScope {
  customerUserId: number | null;
}

/** A portal caller changing its own account, for the audit trail. */
export type PortalUserActor = PortalActor & PortalUserScope;

/**
 * The audit fields of `actor`. The portal knows its user by internal id only; the audit
 * trail names them by public id (`cu_…`).
 */
export async function portalAuditActor(
  em: EntityManager,
  actor: PortalUserActor,
): Promise<ReturnType<typeof actorFields>> {
  if (actor.id !== null || actor.customerUserId === null) return actorFields(actor);
  const user = await em.findOne(CustomerUser, { id: actor.customerUserId, customer: actor.customerId });
  return actorFields({ ...actor, type: "customer_user", id: user?.publicId ?? null });
}
