import { authRouter } from "./routers/auth.js";
import { integrationRouter } from "./routers/integration/index.js";
import { publicRouter } from "./routers/public.js";
import { systemRouter } from "./routers/system.js";
import { createCallerFactory, createTRPCRouter } from "./trpc.js";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  integration: integrationRouter,
  public: publicRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, e.g. `createCaller(createContextInner({ orm })).public.branding({})`. */
export const createCaller = createCallerFactory(appRouter);
