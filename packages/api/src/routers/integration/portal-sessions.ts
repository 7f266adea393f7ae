import { createPortalLink, revokePortalLink } from "@portico/auth";
import { ZCreatePortalSessionInput, ZRevokePortalSessionInput } from "@portico/validators";
import { integrationProcedure, originOf, publicUrl } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Portal links (Stripe's "portal sessions") for the API key's merchant. */
export const portalSessionsRouter = createTRPCRouter({
  create: integrationProcedure.input(ZCreatePortalSessionInput).mutation(async ({ ctx, input }) => {
    const { integration } = ctx;
    const link = await createPortalLink(ctx.em, ctx.clock, {
      ...input,
      expiresInSeconds: input.expiresIn,
      merchantId: integration.merchantId,
      apiKeyId: integration.apiKeyId,
      apiKeyPublicId: integration.apiKeyPublicId,
      publicUrl: publicUrl(),
      origin: originOf(ctx),
    });
    return { id: link.id, url: link.url, expiresAt: link.expiresAt.toISOString() };
  }),

  revoke: integrationProcedure.input(ZRevokePortalSessionInput).mutation(async ({ ctx, input }) => {
    const { integration } = ctx;
    const { id, revokedAt } = await revokePortalLink(ctx.em, ctx.clock, {
      merchantId: integration.merchantId,
      id: input.id,
      apiKeyPublicId: integration.apiKeyPublicId,
      origin: originOf(ctx),
    });
    return { id, revokedAt: revokedAt.toISOString() };
  }),
});
