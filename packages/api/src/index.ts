import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.js";

export { appRouter, createCaller, type AppRouter } from "./root.js";
export {
  createCallerFactory,
  createContextInner,
  publicProcedure,
  type Context,
  type ContextLogger,
  type ContextOptions,
  type ErrorData,
  type ProcedureMeta,
  type RequestMeta,
} from "./trpc.js";

export { memoryCookies, type CookieAdapter, type MemoryCookies } from "./cookies.js";
export {
  assertScopeAllows,
  customerProcedure,
  customerScopeResolvers,
  resolveCustomerTokenScope,
  resolveCustomerScope,
  resolveSessionScope,
  type CustomerScope,
  type CustomerScopeResolver,
} from "./procedures/customer.js";
export {
  assertMerchantRole,
  merchantAdminProcedure,
  merchantProcedure,
  merchantSessionProcedure,
  type MerchantScope,
} from "./procedures/merchant.js";

/** Input types by procedure: `RouterInputs["public"]["branding"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Output types by procedure: `RouterOutputs["public"]["branding"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export {
  integrationProcedure,
  publicUrl,
  setPublicUrl,
  type IntegrationScope,
} from "./procedures/integration.js";
export { customerTokenFromContext } from "./procedures/customer-token.js";
