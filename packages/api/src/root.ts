import { adminRouter } from "./routers/admin/index.js";
import { authRouter } from "./routers/auth.js";
import { integrationRouter } from "./routers/integration/index.js";
import { portalRouter } from "./routers/portal/index.js";
import { publicRouter } from "./routers/public.js";
import { systemRouter } from "./routers/system.js";
import { createCallerFactory, createTRPCRouter } from "./trpc.js";

export const appRouter = createTRPCRouter({
  admin: adminRouter,
  auth: authRouter,
  integration: integrationRouter,
  portal: portalRouter,
  public: publicRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, e.g. `createCaller(createContextInner({ orm })).public.branding({})`. */
export const createCaller = createCallerFactory(appRouter);
