import { PORTICO_VERSION } from "@portico/core";
import { createTRPCRouter, publicProcedure } from "../trpc.js";

export const systemRouter = createTRPCRouter({
  health: publicProcedure.query(() => ({ ok: true as const, version: PORTICO_VERSION })),
});
