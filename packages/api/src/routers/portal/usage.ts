import { getCurrentUsage } from "@portico/core";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";

/** The signed-in customer's metered usage this billing period. */
export const portalUsageRouter = createTRPCRouter({
  current: customerProcedure
    .meta({ scope: "usage:read" })
    .query(({ ctx }) => getCurrentUsage(ctx.em, ctx.clock, ctx.scope)),
});
