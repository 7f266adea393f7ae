import { createTRPCRouter } from "../../trpc.js";
import { customerTokensRouter } from "./customer-tokens.js";
import { portalSessionsRouter } from "./portal-sessions.js";

/** What merchant backends call with an `sk_…` API key (@portico/client). */
export const integrationRouter = createTRPCRouter({
  portalSessions: portalSessionsRouter,
  customerTokens: customerTokensRouter,
});
