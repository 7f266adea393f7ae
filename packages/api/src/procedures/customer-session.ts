import { AppError } from "@portico/core";
import { CustomerUser } from "@portico/db";
import { sessionFromCookie } from "../session-cookies.js";
import { publicProcedure } from "../trpc.js";

export interface CustomerUserSessionScope {
  merchantId: number;
  customerId: number;
  customerUserId: number;
  sessionId: string;
  mfaVerified: boolean;
}

/**
 * A portal session of a login user, even one that still owes MFA: only for the MFA
 * challenge (portal links and customer tokens have no second factor to pass).
 * Everything else in the portal uses `customerProcedure`, which refuses such sessions.
 */
export const customerUserSessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await sessionFromCookie(ctx, "portal");
  const user =
    session?.customerUser && session.customer
      ? await ctx.em.findOne(CustomerUser, { id: session.customerUser.id, disabledAt: null })
      : null;
  if (!session?.customer || !user || user.customer.id !== session.customer.id) {
    throw new AppError("UNAUTHORIZED", "SESSION_REQUIRED", "Sign in to the customer portal first.");
  }
  const customerUserScope: CustomerUserSessionScope = {
    merchantId: session.merchant.id,
    customerId: session.customer.id,
    customerUserId: user.id,
    sessionId: session.id,
    mfaVerified: session.mfaVerified,
  };
  return next({ ctx: { customerUserScope } });
});
