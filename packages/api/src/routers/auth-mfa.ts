import {
  beginMfaEnrollment,
  confirmMfaEnrollment,
  disableMfa,
  getMfaStatus,
  regenerateRecoveryCodes,
  verifyMfaChallenge,
  type MfaSubject,
} from "@portico/auth";
import { AppError } from "@portico/core";
import {
  ZConfirmMfaEnrollmentInput,
  ZDisableMfaInput,
  ZRegenerateRecoveryCodesInput,
  ZVerifyMfaInput,
} from "@portico/validators";
import { customerUserSessionProcedure } from "../procedures/customer-session.js";
import { customerProcedure, type CustomerScope } from "../procedures/customer.js";
import { merchantProcedure, merchantSessionProcedure, type MerchantScope } from "../procedures/merchant.js";
import { setSessionCookie } from "../session-cookies.js";
import { throttle } from "../throttle.js";
import { createTRPCRouter, type Context } from "../trpc.js";
import { lockoutNotifier } from "./auth-recovery.js";

/**
 * TOTP MFA for both surfaces (`auth.console.mfa.*`, `auth.portal.mfa.*`). Enrolment and
 * the challenge accept a session that still owes MFA (an owner's forced enrolment, the
 * step after a password login); status, disable and new recovery codes need a verified one.
 * Passing the second factor replaces the session cookie with a new session id.
 */
const consoleSubject = (scope: MerchantScope): MfaSubject => ({
  type: "merchant_user",
  userId: scope.merchantUserId,
});

const request = (ctx: Context) => ({ ...ctx.req, settings: ctx.auth, onLocked: lockoutNotifier(ctx) });

export const consoleMfaRouter = createTRPCRouter({
  status: merchantProcedure.query(({ ctx }) => getMfaStatus(ctx.em, consoleSubject(ctx.merchantScope))),
  beginEnrollment: merchantSessionProcedure.mutation(({ ctx }) =>
    beginMfaEnrollment(ctx.em, consoleSubject(ctx.merchantScope), request(ctx)),
  ),
  confirmEnrollment: merchantSessionProcedure
    .input(ZConfirmMfaEnrollmentInput)
    .mutation(async ({ ctx, input }) => {
      const { merchantScope: scope } = ctx;
      const result = await confirmMfaEnrollment(
        ctx.em,
        ctx.clock,
        consoleSubject(scope),
        scope.sessionId,
        input.code,
        request(ctx),
      );
      setSessionCookie(ctx, "console", result.token, result.session);
      return { recoveryCodes: result.recoveryCodes };
    }),
  verify: merchantSessionProcedure.input(ZVerifyMfaInput).mutation(async ({ ctx, input }) => {
    const { merchantScope: scope } = ctx;
    await throttle(ctx, "mfaVerify", consoleSubject(scope));
    const result = await verifyMfaChallenge(
      ctx.em,
      ctx.clock,
      consoleSubject(scope),
      scope.sessionId,
      input.code,
      request(ctx),
    );
    setSessionCookie(ctx, "console", result.token, result.session);
    return { method: result.method };
  }),
  disable: merchantProcedure.input(ZDisableMfaInput).mutation(async ({ ctx, input }) => {
    await disableMfa(ctx.em, ctx.clock, consoleSubject(ctx.merchantScope), input, request(ctx));
    return { ok: true as const };
  }),
  regenerateRecoveryCodes: merchantProcedure
    .input(ZRegenerateRecoveryCodesInput)
    .mutation(async ({ ctx, input }) => ({
      recoveryCodes: await regenerateRecoveryCodes(
        ctx.em,
        ctx.clock,
        consoleSubject(ctx.merchantScope),
        input.code,
        request(ctx),
      ),
    })),
});

/** MFA belongs to a login user: a portal link or a customer token has none. */
function portalSubject(scope: CustomerScope): MfaSubject & { sessionId: string } {
  if (scope.customerUserId === null || scope.sessionId === null) {
    throw new AppError("FORBIDDEN", "USER_SESSION_REQUIRED", "Sign in with your own account to manage MFA.");
  }
  return { type: "customer_user", userId: scope.customerUserId, sessionId: scope.sessionId };
}

export const portalMfaRouter = createTRPCRouter({
  status: customerProcedure.query(({ ctx }) => getMfaStatus(ctx.em, portalSubject(ctx.scope))),
  beginEnrollment: customerProcedure.mutation(({ ctx }) =>
    beginMfaEnrollment(ctx.em, portalSubject(ctx.scope), request(ctx)),
  ),
  confirmEnrollment: customerProcedure.input(ZConfirmMfaEnrollmentInput).mutation(async ({ ctx, input }) => {
    const subject = portalSubject(ctx.scope);
    const result = await confirmMfaEnrollment(
      ctx.em,
      ctx.clock,
      subject,
      subject.sessionId,
      input.code,
      request(ctx),
    );
    setSessionCookie(ctx, "portal", result.token, result.session);
    return { recoveryCodes: result.recoveryCodes };
  }),
  verify: customerUserSessionProcedure.input(ZVerifyMfaInput).mutation(async ({ ctx, input }) => {
    const { customerUserScope: scope } = ctx;
    const subject: MfaSubject = { type: "customer_user", userId: scope.customerUserId };
    await throttle(ctx, "mfaVerify", subject);
    const result = await verifyMfaChallenge(
      ctx.em,
      ctx.clock,
      subject,
      scope.sessionId,
      input.code,
      request(ctx),
    );
    setSessionCookie(ctx, "portal", result.token, result.session);
    return { method: result.method };
  }),
  disable: customerProcedure.input(ZDisableMfaInput).mutation(async ({ ctx, input }) => {
    await disableMfa(ctx.em, ctx.clock, portalSubject(ctx.scope), input, request(ctx));
    return { ok: true as const };
  }),
  regenerateRecoveryCodes: customerProcedure
    .input(ZRegenerateRecoveryCodesInput)
    .mutation(async ({ ctx, input }) => ({
      recoveryCodes: await regenerateRecoveryCodes(
        ctx.em,
        ctx.clock,
        portalSubject(ctx.scope),
        input.code,
        request(ctx),
      ),
    })),
});
