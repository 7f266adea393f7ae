import {
  listSessions,
  revokeAllSessions,
  revokeSession,
  toSessionDto,
  type SessionSubject,
} from "@portico/auth";
import { MerchantUser } from "@portico/db";
import { ZRevokeSessionInput } from "@portico/validators";
import { merchantProcedure, type MerchantScope } from "../procedures/merchant.js";
import { clearSessionCookie } from "../session-cookies.js";
import { createTRPCRouter, type Context } from "../trpc.js";

/**
 * `auth.console.sessions`: a console user's own sessions (device, IP, last active), with
 * sign-out of one or of all the others. Mirrors `auth.portal.sessions`.
 */
const subject = (scope: MerchantScope): SessionSubject => ({
  type: "merchant_user",
  userId: scope.merchantUserId,
});

/** Who acts, for the audit trail: the signed-in user's public id and the request. */
async function actor(ctx: Context, scope: MerchantScope) {
  const me = await ctx.em.findOneOrFail(MerchantUser, scope.merchantUserId);
  return { actorId: me.publicId, ...ctx.req };
}

export const consoleSessionsRouter = createTRPCRouter({
  list: merchantProcedure.query(async ({ ctx }) => {
    const { merchantScope: scope } = ctx;
    const sessions = await listSessions(ctx.em, ctx.clock, subject(scope));
    return sessions.map((session) => toSessionDto(session, scope.sessionId));
  }),
  revoke: merchantProcedure.input(ZRevokeSessionInput).mutation(async ({ ctx, input }) => {
    const { merchantScope: scope } = ctx;
    const session = await revokeSession(
      ctx.em,
      ctx.clock,
      subject(scope),
      input.session,
      await actor(ctx, scope),
    );
    if (session.id === scope.sessionId) clearSessionCookie(ctx, "console");
    return toSessionDto(session, scope.sessionId);
  }),
  revokeAll: merchantProcedure.mutation(async ({ ctx }) => {
    const { merchantScope: scope } = ctx;
    const except = { except: scope.sessionId, ...(await actor(ctx, scope)) };
    return { revoked: await revokeAllSessions(ctx.em, ctx.clock, subject(scope), except) };
  }),
});
