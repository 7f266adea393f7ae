import {
  changeMerchantUserRole,
  inviteMerchantUser,
  listMerchantUsers,
  removeMerchantUser,
  resendMerchantInvitation,
  revokeMerchantInvitation,
} from "@portico/auth";
import {
  ZInviteMerchantUserInput,
  ZMerchantUserRefInput,
  ZUpdateMerchantUserRoleInput,
} from "@portico/validators";
import { originOf, publicUrl } from "../../procedures/integration.js";
import { merchantAdminProcedure } from "../../procedures/merchant.js";
import { createTRPCRouter, type Context } from "../../trpc.js";

/** What invitation e-mails need from the request. */
const delivery = (ctx: Context) => ({ ...originOf(ctx), publicUrl: publicUrl(), mailer: ctx.mailer });

/** The console's users and invitations, for owners and admins (only owners handle owners). */
export const usersRouter = createTRPCRouter({
  list: merchantAdminProcedure.query(({ ctx }) => listMerchantUsers(ctx.em, ctx.merchantScope)),
  invite: merchantAdminProcedure
    .input(ZInviteMerchantUserInput)
    .mutation(({ ctx, input }) =>
      inviteMerchantUser(ctx.em, ctx.clock, ctx.merchantScope, { ...input, ...delivery(ctx) }),
    ),
  resendInvite: merchantAdminProcedure
    .input(ZMerchantUserRefInput)
    .mutation(({ ctx, input }) =>
      resendMerchantInvitation(ctx.em, ctx.clock, ctx.merchantScope, { ...input, ...delivery(ctx) }),
    ),
  revokeInvite: merchantAdminProcedure
    .input(ZMerchantUserRefInput)
    .mutation(({ ctx, input }) =>
      revokeMerchantInvitation(ctx.em, ctx.clock, ctx.merchantScope, { ...input, ...originOf(ctx) }),
    ),
  updateRole: merchantAdminProcedure
    .input(ZUpdateMerchantUserRoleInput)
    .mutation(({ ctx, input }) =>
      changeMerchantUserRole(ctx.em, ctx.clock, ctx.merchantScope, { ...input, ...originOf(ctx) }),
    ),
  remove: merchantAdminProcedure
    .input(ZMerchantUserRefInput)
    .mutation(({ ctx, input }) =>
      removeMerchantUser(ctx.em, ctx.clock, ctx.merchantScope, { ...input, ...originOf(ctx) }),
    ),
});
