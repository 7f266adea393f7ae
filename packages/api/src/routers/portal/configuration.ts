import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";

/** What the session's portal configuration turns on, so the portal shows only those sections. */
export const portalConfigurationRouter = createTRPCRouter({
  /** The features of the link's configuration, else the merchant's default, else the built-in ones. */
  get: customerProcedure
    .meta({ scope: "customer:read" })
    .query(({ ctx }) => ({ features: ctx.portal.features })),
});
