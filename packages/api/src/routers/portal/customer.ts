import { getCustomerProfile } from "@portico/core";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";

/** The signed-in customer's own account. */
export const portalCustomerRouter = createTRPCRouter({
  get: customerProcedure
    .meta({ scope: "customer:read" })
    .query(({ ctx }) => getCustomerProfile(ctx.em, ctx.scope)),
});
