import {
  getConsoleIdentity,
  getPortalIdentity,
  listSessions,
  loginCustomerUser,
  loginMerchantUser,
  logout,
  openPortalLinkSession,
  revokeAllSessions,
  revokeSession,
  toConsoleLoginDto,
  toPortalLinkRedemptionDto,
  toPortalLoginDto,
  toSessionDto,
  type SessionSubject,
} from "@portico/auth";
import { AppError } from "@portico/core";
import { CustomerUser } from "@portico/db";
import {
  ZConsoleLoginInput,
  ZPortalLoginInput,
  ZRedeemPortalLinkInput,
  ZRevokeSessionInput,
} from "@portico/validators";
import { customerProcedure, type CustomerScope } from "../procedures/customer.js";
import { merchantSessionProcedure } from "../procedures/merchant.js";
import { clearSessionCookie, readSessionToken, setSessionCookie } from "../session-cookies.js";
import { throttle } from "../throttle.js";
import { createTRPCRouter, publicProcedure, type Context } from "../trpc.js";
import { consoleSessionsRouter } from "./auth-console-sessions.js";
import { consoleInvitationProcedures, portalInvitationProcedures } from "./auth-invites.js";
import { consoleMfaRouter, portalMfaRouter } from "./auth-mfa.js";
import { consoleRecoveryProcedures, lockoutNotifier, portalRecoveryProcedures } from "./auth-recovery.js";

/** "Your sessions" belong to a login user; a portal link or a customer token has none. */
async function portalUser(ctx: Context, scope: CustomerScope) {
  if (scope.customerUserId === null) {
    throw new AppError(
      "FORBIDDEN",
      "USER_SESSION_REQUIRED",
      "Sign in with your own account to manage sessions.",
    );
  }
  const user = await ctx.em.findOneOrFail(CustomerUser, scope.customerUserId);
  const subject: SessionSubject = { type: "customer_user", userId: user.id };
  return { subject, user };
}

const portalSessionsRouter = createTRPCRouter({
  list: customerProcedure.query(async ({ ctx }) => {
    const { subject } = await portalUser(ctx, ctx.scope);
    const sessions = await listSessions(ctx.em, ctx.clock, subject);
    return sessions.map((session) => toSessionDto(session, ctx.scope.sessionId));
  }),
  revoke: customerProcedure.input(ZRevokeSessionInput).mutation(async ({ ctx, input }) => {
    const { subject, user } = await portalUser(ctx, ctx.scope);
    const actor = { actorId: user.publicId, ...ctx.req };
    const session = await revokeSession(ctx.em, ctx.clock, subject, input.session, actor);
    if (session.id === ctx.scope.sessionId) clearSessionCookie(ctx, "portal");
    return toSessionDto(session, ctx.scope.sessionId);
  }),
  revokeAll: customerProcedure.mutation(async ({ ctx }) => {
    const { subject, user } = await portalUser(ctx, ctx.scope);
    const actor = { actorId: user.publicId, except: ctx.scope.sessionId, ...ctx.req };
    return { revoked: await revokeAllSessions(ctx.em, ctx.clock, subject, actor) };
  }),
});

const portalRouter = createTRPCRouter({
  /** The link landing (`/portal/s/<secret>`): spends the link once for a portal session cookie. */
  redeemLink: publicProcedure.input(ZRedeemPortalLinkInput).mutation(async ({ ctx, input }) => {
    const request = { secret: input.secret, ...ctx.req, settings: ctx.auth };
    const result = await openPortalLinkSession(ctx.em, ctx.clock, request);
    setSessionCookie(ctx, "portal", result.token, result.session);
    return toPortalLinkRedemptionDto(result);
  }),
  login: publicProcedure.input(ZPortalLoginInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "login", input.email);
    const { merchant, ...credentials } = input;
    const request = {
      ...credentials,
      merchantSlug: merchant,
      ...ctx.req,
      settings: ctx.auth,
      onLocked: lockoutNotifier(ctx),
    };
    const result = await loginCustomerUser(ctx.em, ctx.clock, request);
    setSessionCookie(ctx, "portal", result.token, result.session);
    return toPortalLoginDto(result);
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    const token = readSessionToken(ctx, "portal");
    if (token) await logout(ctx.em, ctx.clock, token, ctx.req);
    clearSessionCookie(ctx, "portal");
    return { ok: true as const };
  }),
  session: customerProcedure
    .meta({ scope: "customer:read" })
    .query(({ ctx }) => getPortalIdentity(ctx.em, ctx.scope)),
  sessions: portalSessionsRouter,
  mfa: portalMfaRouter,
  ...portalRecoveryProcedures,
  ...portalInvitationProcedures,
});

const consoleRouter = createTRPCRouter({
  login: publicProcedure.input(ZConsoleLoginInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "login", input.email);
    const { merchant, ...credentials } = input;
    const request = {
      ...credentials,
      merchantSlug: merchant,
      ...ctx.req,
      settings: ctx.auth,
      onLocked: lockoutNotifier(ctx),
    };
    const result = await loginMerchantUser(ctx.em, ctx.clock, request);
    setSessionCookie(ctx, "console", result.token, result.session);
    return toConsoleLoginDto(result);
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    const token = readSessionToken(ctx, "console");
    if (token) await logout(ctx.em, ctx.clock, token, ctx.req);
    clearSessionCookie(ctx, "console");
    return { ok: true as const };
  }),
  /** Also answers while MFA is owed, so the console can show enrolment or the challenge. */
  session: merchantSessionProcedure.query(({ ctx }) =>
    getConsoleIdentity(ctx.em, ctx.merchantScope.sessionId),
  ),
  sessions: consoleSessionsRouter,
  mfa: consoleMfaRouter,
  ...consoleRecoveryProcedures,
  ...consoleInvitationProcedures,
});

/** Signing in and out of the portal and the console. */
export const authRouter = createTRPCRouter({
  portal: portalRouter,
  console: consoleRouter,
});
