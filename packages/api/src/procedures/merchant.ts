import { AppError } from "@portico/core";
import { MerchantUser, type MerchantUserRole } from "@portico/db";
import { sessionFromCookie } from "../session-cookies.js";
import { publicProcedure } from "../trpc.js";

export interface MerchantScope {
  merchantId: number;
  merchantUserId: number;
  role: MerchantUserRole;
  /** The AuthSession row behind the call. */
  sessionId: string;
  /** False while the session still owes a second factor (only `merchantSessionProcedure` lets it through). */
  mfaVerified: boolean;
}

/**
 * A console session cookie, even one that still owes MFA: for the few procedures that
 * finish signing in (who am I, MFA enrolment and challenge, logout).
 */
export const merchantSessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await sessionFromCookie(ctx, "console");
  const user = session?.merchantUser
    ? await ctx.em.findOne(MerchantUser, { id: session.merchantUser.id, disabledAt: null })
    : null;
  if (!session || !user) {
    throw new AppError("UNAUTHORIZED", "SESSION_REQUIRED", "Sign in to the console first.");
  }
  const merchantScope: MerchantScope = {
    merchantId: user.merchant.id,
    merchantUserId: user.id,
    role: user.role,
    sessionId: session.id,
    mfaVerified: session.mfaVerified,
  };
  return next({ ctx: { merchantScope } });
});

/** Console procedures: a signed-in merchant user whose session has passed MFA. */
export const merchantProcedure = merchantSessionProcedure.use(({ ctx, next }) => {
  if (!ctx.merchantScope.mfaVerified) {
    throw new AppError("FORBIDDEN", "MFA_REQUIRED", "Complete the second factor first.");
  }
  return next();
});

/** FORBIDDEN `ROLE_NOT_ALLOWED` unless the console user holds one of `roles`. */
export function assertMerchantRole(scope: MerchantScope, roles: readonly MerchantUserRole[]): void {
  if (!roles.includes(scope.role)) {
    throw new AppError("FORBIDDEN", "ROLE_NOT_ALLOWED", "Your role does not allow this.", {
      details: { allowed: [...roles] },
    });
  }
}

/** Console procedures for owners and admins (API keys, users, settings); support is refused. */
export const merchantAdminProcedure = merchantProcedure.use(({ ctx, next }) => {
  assertMerchantRole(ctx.merchantScope, ["owner", "admin"]);
  return next();
});
