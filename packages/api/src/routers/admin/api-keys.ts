import { createApiKey, listApiKeys, revokeApiKey } from "@portico/auth";
import { ZCreateApiKeyInput, ZRevokeApiKeyInput } from "@portico/validators";
import { originOf } from "../../procedures/integration.js";
import { merchantAdminProcedure } from "../../procedures/merchant.js";
import { createTRPCRouter } from "../../trpc.js";

/** The merchant's `sk_…` keys, for owners and admins. The secret is shown once, by `create`. */
export const apiKeysRouter = createTRPCRouter({
  list: merchantAdminProcedure.query(({ ctx }) =>
    listApiKeys(ctx.em, { merchantId: ctx.merchantScope.merchantId }),
  ),
  create: merchantAdminProcedure.input(ZCreateApiKeyInput).mutation(({ ctx, input }) =>
    createApiKey(ctx.em, ctx.clock, {
      ...input,
      merchantId: ctx.merchantScope.merchantId,
      createdBy: ctx.merchantScope.merchantUserId,
      origin: originOf(ctx),
    }),
  ),
  revoke: merchantAdminProcedure.input(ZRevokeApiKeyInput).mutation(({ ctx, input }) =>
    revokeApiKey(ctx.em, ctx.clock, {
      id: input.id,
      merchantId: ctx.merchantScope.merchantId,
      revokedBy: ctx.merchantScope.merchantUserId,
      origin: originOf(ctx),
    }),
  ),
});
