import { confirmEmailChange, requestEmailChange } from "@portico/auth";
import { getPortalProfile, updatePortalProfile } from "@portico/core";
import {
  ZPortalConfirmEmailChangeInput,
  ZPortalRequestEmailChangeInput,
  ZPortalUpdateProfileInput,
} from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";
import { portalUserActor } from "./portal-user-actor.js";

/**
 * The signed-in customer's billing details. Only the fields of the configuration's
 * `customerUpdate.allowedFields` change (another is FORBIDDEN `FIELD_NOT_EDITABLE`); a new
 * e-mail applies once the code mailed to it comes back.
 */
export const portalProfileRouter = createTRPCRouter({
  /** With `editableFields`, what the form may change. */
  get: customerProcedure
    .meta({ scope: "customer:read", feature: "customerUpdate" })
    .query(({ ctx }) =>
      getPortalProfile(ctx.em, ctx.clock, ctx.scope, ctx.portal.features.customerUpdate.allowedFields),
    ),

  update: customerProcedure
    .meta({ scope: "customer:write", feature: "customerUpdate" })
    .input(ZPortalUpdateProfileInput)
    .mutation(({ ctx, input }) =>
      updatePortalProfile(
        ctx.em,
        ctx.clock,
        portalUserActor(ctx),
        ctx.portal.features.customerUpdate.allowedFields,
        input,
      ),
    ),

  /** Mails a 6-digit code to the new address; at most 3 per customer in 15 minutes. */
  requestEmailChange: customerProcedure
    .meta({ scope: "customer:write", feature: "customerUpdate" })
    .input(ZPortalRequestEmailChangeInput)
    .mutation(({ ctx, input }) =>
      requestEmailChange(
        ctx.em,
        ctx.clock,
        ctx.mailer,
        portalUserActor(ctx),
        ctx.portal.features.customerUpdate.allowedFields,
        input,
      ),
    ),

  confirmEmailChange: customerProcedure
    .meta({ scope: "customer:write", feature: "customerUpdate" })
    .input(ZPortalConfirmEmailChangeInput)
    .mutation(({ ctx, input }) =>
      confirmEmailChange(
        ctx.em,
        ctx.clock,
        portalUserActor(ctx),
        ctx.portal.features.customerUpdate.allowedFields,
        input,
      ),
    ),
});
