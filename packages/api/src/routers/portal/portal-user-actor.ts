import type { PortalUserActor } from "@portico/core";
import type { CustomerScope } from "../../procedures/customer.js";
import { originOf } from "../../procedures/integration.js";
import type { Context } from "../../trpc.js";

/**
 * The signed-in customer and its login user (if any), as core's audit trail records what they
 * do. Every portal procedure that changes something acts as this.
 */
export function portalUserActor(ctx: Context & { scope: CustomerScope }): PortalUserActor {
  const { merchantId, customerId, customerUserId, customerUserPublicId } = ctx.scope;
  return {
    type: "customer_user",
    id: customerUserPublicId,
    merchantId,
    customerId,
    customerUserId,
    ...originOf(ctx),
    requestId: ctx.req.requestId,
  };
}
