import {
  changeCustomerMemberRole,
  inviteCustomerMember,
  listCustomerMembers,
  removeCustomerMember,
  resendCustomerInvitation,
  revokeCustomerInvitation,
} from "@portico/auth";
import {
  ZCustomerMemberRefInput,
  ZInviteCustomerMemberInput,
  ZUpdateCustomerMemberRoleInput,
} from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { originOf, publicUrl } from "../../procedures/integration.js";
import { createTRPCRouter, type Context } from "../../trpc.js";

/** What invitation e-mails need from the request. */
const delivery = (ctx: Context) => ({ ...originOf(ctx), publicUrl: publicUrl(), mailer: ctx.mailer });

/**
 * The login users of the signed-in customer account. Any of its users may list them; only
 * its admins invite, change roles and remove. Portal links and customer tokens have no
 * login user and are refused (USER_SESSION_REQUIRED) even with the declared scope.
 */
export const portalMembersRouter = createTRPCRouter({
  list: customerProcedure
    .meta({ scope: "customer:read" })
    .query(({ ctx }) => listCustomerMembers(ctx.em, ctx.scope)),
  invite: customerProcedure
    .meta({ scope: "customer:write" })
    .input(ZInviteCustomerMemberInput)
    .mutation(({ ctx, input }) =>
      inviteCustomerMember(ctx.em, ctx.clock, ctx.scope, { ...input, ...delivery(ctx) }),
    ),
  resendInvite: customerProcedure
    .meta({ scope: "customer:write" })
    .input(ZCustomerMemberRefInput)
    .mutation(({ ctx, input }) =>
      resendCustomerInvitation(ctx.em, ctx.clock, ctx.scope, { user: input.member, ...delivery(ctx) }),
    ),
  revokeInvite: customerProcedure
    .meta({ scope: "customer:write" })
    .input(ZCustomerMemberRefInput)
    .mutation(({ ctx, input }) =>
      revokeCustomerInvitation(ctx.em, ctx.clock, ctx.scope, { user: input.member, ...originOf(ctx) }),
    ),
  updateRole: customerProcedure
    .meta({ scope: "customer:write" })
    .input(ZUpdateCustomerMemberRoleInput)
    .mutation(({ ctx, input }) =>
      changeCustomerMemberRole(ctx.em, ctx.clock, ctx.scope, {
        user: input.member,
        role: input.role,
        ...originOf(ctx),
      }),
    ),
  remove: customerProcedure
    .meta({ scope: "customer:write" })
    .input(ZCustomerMemberRefInput)
    .mutation(({ ctx, input }) =>
      removeCustomerMember(ctx.em, ctx.clock, ctx.scope, { user: input.member, ...originOf(ctx) }),
    ),
});
