import {
  authenticateCustomerToken,
  hasScope,
  readBearer,
  type CustomerTokenAuth,
  type CustomerTokenScope,
} from "@portico/auth";
import { AppError } from "@portico/core";
import { createMiddleware, type Context } from "../trpc.js";

const CUSTOMER_TOKEN_PREFIX = "cst_";
const authenticated = new WeakMap<Context, Promise<CustomerTokenAuth | null>>();

/**
 * The `Bearer cst_…` credential of this request: null when the request carries none,
 * UNAUTHORIZED `INVALID_CUSTOMER_TOKEN` when it carries a bad one. Looked up once per
 * request, however many resolvers and middlewares ask.
 */
export function customerTokenFromContext(ctx: Context): Promise<CustomerTokenAuth | null> {
  let pending = authenticated.get(ctx);
  if (!pending) {
    const bearer = readBearer(ctx.req.authorization);
    pending = bearer?.startsWith(CUSTOMER_TOKEN_PREFIX)
      ? authenticateCustomerToken(ctx.em, ctx.clock, bearer)
      : Promise.resolve(null);
    authenticated.set(ctx, pending);
  }
  return pending;
}

/** FORBIDDEN `SCOPE_MISSING` unless `token` grants `scope` (write implies read). */
export function assertTokenScope(token: CustomerTokenAuth, scope: CustomerTokenScope): void {
  if (!hasScope(token.scopes, scope)) {
    throw new AppError("FORBIDDEN", "SCOPE_MISSING", `This customer token lacks the ${scope} scope.`, {
      details: { required: scope },
    });
  }
}

/**
 * Middleware: the call must carry a `Bearer cst_…` token granting `scope`; sets
 * `ctx.customerToken = { merchantId, customerId, scopes, tokenId }`. Missing or invalid
 * token → UNAUTHORIZED, valid token without the scope → FORBIDDEN `SCOPE_MISSING`.
 */
export function requireCustomerTokenScope(scope: CustomerTokenScope) {
  return createMiddleware(async ({ ctx, next }) => {
    const customerToken = await customerTokenFromContext(ctx);
    if (!customerToken) {
      throw new AppError(
        "UNAUTHORIZED",
        "CUSTOMER_TOKEN_REQUIRED",
        "Send a customer token as `Authorization: Bearer cst_…`.",
      );
    }
    assertTokenScope(customerToken, scope);
    return next({ ctx: { customerToken } });
  });
}
