import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.js";

export { appRouter, createCaller, type AppRouter } from "./root.js";
export {
  createCallerFactory,
  createContextInner,
  type Context,
  type ContextLogger,
  type ContextOptions,
  type ErrorData,
  type RequestMeta,
} from "./trpc.js";

/** Input types by procedure: `RouterInputs["public"]["branding"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Output types by procedure: `RouterOutputs["public"]["branding"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
