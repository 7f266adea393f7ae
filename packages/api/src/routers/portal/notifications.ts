import { getNotificationPreferences, updateNotificationPreferences } from "@portico/core";
import { ZPortalUpdateNotificationsInput } from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";
import { portalUserActor } from "./portal-user-actor.js";

/**
 * Which e-mails the caller gets: a login user's own settings, or the account's (its billing
 * e-mail) for a portal link or a customer token. Enabled unless turned off.
 */
export const portalNotificationsRouter = createTRPCRouter({
  get: customerProcedure
    .meta({ scope: "customer:read", feature: "notifications" })
    .query(({ ctx }) => getNotificationPreferences(ctx.em, ctx.scope)),

  update: customerProcedure
    .meta({ scope: "customer:write", feature: "notifications" })
    .input(ZPortalUpdateNotificationsInput)
    .mutation(({ ctx, input }) =>
      updateNotificationPreferences(ctx.em, ctx.clock, portalUserActor(ctx), input.preferences),
    ),
});
