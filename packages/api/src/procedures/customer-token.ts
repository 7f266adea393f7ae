import { authenticateCustomerToken, readBearer, type CustomerTokenAuth } from "@portico/auth";
import type { Context } from "../trpc.js";

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
