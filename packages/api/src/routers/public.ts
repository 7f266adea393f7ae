import { getPublicBranding } from "@portico/core";
import { ZBrandingInput } from "@portico/validators";
import { createTRPCRouter, publicProcedure } from "../trpc.js";

/** Anonymous reads the SPAs need before anyone signs in. */
export const publicRouter = createTRPCRouter({
  branding: publicProcedure.input(ZBrandingInput).query(({ ctx, input }) => getPublicBranding(ctx.em, input)),
});
