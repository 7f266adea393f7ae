import {
  changePassword,
  requestLoginCode,
  requestPasswordReset,
  resetPassword,
  sendLockoutNotice,
  toPortalLoginDto,
  verifyLoginCode,
  type LockedAccount,
} from "@portico/auth";
import { AppError } from "@portico/core";
import {
  ZChangePasswordInput,
  ZRequestLoginCodeInput,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
  ZVerifyLoginCodeInput,
} from "@portico/validators";
import { customerProcedure } from "../procedures/customer.js";
import { publicUrl } from "../procedures/integration.js";
import { merchantProcedure } from "../procedures/merchant.js";
import { setSessionCookie } from "../session-cookies.js";
import { throttle } from "../throttle.js";
import { publicProcedure, type Context } from "../trpc.js";

/**
 * E-mailed login codes, forgot / reset password, change password: spread into the portal
 * and console routers of `auth` (routers/auth.ts). Requests answer the same for unknown
 * e-mails; the flows themselves live in @portico/auth.
 */

/** For `loginCustomerUser` / `loginMerchantUser`: the lockout notice, after the failure is saved. */
export const lockoutNotifier =
  (ctx: Context) =>
  (locked: LockedAccount): Promise<void> =>
    sendLockoutNotice(ctx.em, ctx.mailer, ctx.log, locked);

export const portalRecoveryProcedures = {
  requestLoginCode: publicProcedure.input(ZRequestLoginCodeInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "loginCodeRequest", input.email);
    return requestLoginCode(ctx.em, ctx.clock, {
      email: input.email,
      ...(input.merchant !== undefined ? { merchantSlug: input.merchant } : {}),
      ...ctx.req,
      mailer: ctx.mailer,
    });
  }),
  verifyLoginCode: publicProcedure.input(ZVerifyLoginCodeInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "loginCodeVerify", input.email);
    const { merchant, ...rest } = input;
    const request = { ...rest, merchantSlug: merchant, ...ctx.req, settings: ctx.auth };
    const result = await verifyLoginCode(ctx.em, ctx.clock, request);
    setSessionCookie(ctx, "portal", result.token, result.session);
    return toPortalLoginDto(result);
  }),
  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "passwordResetRequest", input.email);
    return requestPasswordReset(ctx.em, ctx.clock, {
      surface: "portal",
      email: input.email,
      merchantSlug: input.merchant,
      publicUrl: publicUrl(),
      ...ctx.req,
      mailer: ctx.mailer,
    });
  }),
  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "passwordReset", null);
    return resetPassword(ctx.em, ctx.clock, { surface: "portal", ...input, ...ctx.req });
  }),
  changePassword: customerProcedure.input(ZChangePasswordInput).mutation(({ ctx, input }) => {
    const { customerUserId, sessionId } = ctx.scope;
    if (customerUserId === null || sessionId === null) {
      throw new AppError(
        "FORBIDDEN",
        "USER_SESSION_REQUIRED",
        "Sign in with your own account to change a password.",
      );
    }
    const change = { ...input, subjectType: "customer_user" as const, userId: customerUserId, sessionId };
    return changePassword(ctx.em, ctx.clock, {
      ...change,
      ...ctx.req,
      settings: ctx.auth,
      onLocked: lockoutNotifier(ctx),
    });
  }),
};

export const consoleRecoveryProcedures = {
  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "passwordResetRequest", input.email);
    return requestPasswordReset(ctx.em, ctx.clock, {
      surface: "console",
      email: input.email,
      merchantSlug: input.merchant,
      publicUrl: publicUrl(),
      ...ctx.req,
      mailer: ctx.mailer,
    });
  }),
  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await throttle(ctx, "passwordReset", null);
    return resetPassword(ctx.em, ctx.clock, { surface: "console", ...input, ...ctx.req });
  }),
  changePassword: merchantProcedure.input(ZChangePasswordInput).mutation(({ ctx, input }) => {
    const { merchantUserId, sessionId } = ctx.merchantScope;
    const change = { ...input, subjectType: "merchant_user" as const, userId: merchantUserId, sessionId };
    return changePassword(ctx.em, ctx.clock, {
      ...change,
      ...ctx.req,
      settings: ctx.auth,
      onLocked: lockoutNotifier(ctx),
    });
  }),
};
