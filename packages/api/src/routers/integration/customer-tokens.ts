import { createCustomerToken, revokeCustomerToken } from "@portico/auth";
import { ZCreateCustomerTokenInput, ZRevokeCustomerTokenInput } from "@portico/validators";
import { integrationProcedure, originOf } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Scoped `cst_…` bearer tokens for embedded components, for the API key's merchant. */
export const customerTokensRouter = createTRPCRouter({
  create: integrationProcedure.input(ZCreateCustomerTokenInput).mutation(async ({ ctx, input }) => {
    const { integration } = ctx;
    const created = await createCustomerToken(ctx.em, ctx.clock, {
      merchantId: integration.merchantId,
      customer: input.customer,
      scopes: input.scopes,
      expiresInSeconds: input.expiresIn,
      apiKeyId: integration.apiKeyId,
      apiKeyPublicId: integration.apiKeyPublicId,
      origin: originOf(ctx),
    });
    return { ...created, expiresAt: created.expiresAt.toISOString() };
  }),

  revoke: integrationProcedure.input(ZRevokeCustomerTokenInput).mutation(async ({ ctx, input }) => {
    const { integration } = ctx;
    const { id, revokedAt } = await revokeCustomerToken(ctx.em, ctx.clock, {
      merchantId: integration.merchantId,
      id: input.id,
      apiKeyPublicId: integration.apiKeyPublicId,
      origin: originOf(ctx),
    });
    return { id, revokedAt: revokedAt.toISOString() };
  }),
});
