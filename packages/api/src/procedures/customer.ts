import { AppError } from "@portico/core";
import { CustomerUser, type CustomerUserRole } from "@portico/db";
import { sessionFromCookie } from "../session-cookies.js";
import { publicProcedure, type Context } from "../trpc.js";

/**
 * Whose data a portal call may touch. Numeric keys stay on the server; every core read
 * takes this scope, so there is no path to another customer's rows.
 */
export interface CustomerScope {
  merchantId: number;
  customerId: number;
  /** Null when no login user acts (a redeemed portal link, a customer token). */
  customerUserId: number | null;
  role: CustomerUserRole;
  /** The AuthSession row behind the call; null for a bearer token. */
  sessionId: string | null;
}

/** One way of turning a request into a customer scope; null when it does not apply. */
export type CustomerScopeResolver = (ctx: Context) => Promise<CustomerScope | null>;

const sessionRequired = () =>
  new AppError("UNAUTHORIZED", "SESSION_REQUIRED", "Sign in to the customer portal first.");

/** The portal session cookie → scope. Sessions that still owe MFA are refused. */
export const resolveSessionScope: CustomerScopeResolver = async (ctx) => {
  const session = await sessionFromCookie(ctx, "portal");
  if (!session?.customer) return null;
  if (!session.mfaVerified)
    throw new AppError("FORBIDDEN", "MFA_REQUIRED", "Complete the second factor first.");
  let role: CustomerUserRole = "admin"; // a portal link acts for the whole account
  if (session.customerUser) {
    const user = await ctx.em.findOne(CustomerUser, { id: session.customerUser.id, disabledAt: null });
    if (!user || user.customer.id !== session.customer.id) return null;
    role = user.role;
  }
  return {
    merchantId: session.merchant.id,
    customerId: session.customer.id,
    customerUserId: session.customerUser?.id ?? null,
    role,
    sessionId: session.id,
  };
};

/**
 * EXTENSION POINT: the credentials the portal accepts, tried in order; the first that
 * applies wins. Customer tokens (`cst_…` bearer) join this list.
 */
export const customerScopeResolvers: CustomerScopeResolver[] = [resolveSessionScope];

export async function resolveCustomerScope(ctx: Context): Promise<CustomerScope | null> {
  for (const resolve of customerScopeResolvers) {
    const scope = await resolve(ctx);
    if (scope) return scope;
  }
  return null;
}

/** Portal procedures: a signed-in customer (non-null `ctx.scope`) or UNAUTHORIZED. */
export const customerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const scope = await resolveCustomerScope(ctx);
  if (!scope) throw sessionRequired();
  return next({ ctx: { scope } });
});
