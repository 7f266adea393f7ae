import {
  AppError,
  clearStripeCredentials,
  getGatewaySettings,
  setStripeCredentials,
  type MerchantActor,
  type SecretSealer,
} from "@portico/core";
import { MerchantUser } from "@portico/db";
import { ZSetStripeCredentialsInput } from "@portico/validators";
import { originOf } from "../../procedures/integration.js";
import { merchantAdminProcedure, type MerchantScope } from "../../procedures/merchant.js";
import { createTRPCRouter, type Context } from "../../trpc.js";

/** The console user acting, as core's writes record it in the audit trail. */
async function consoleActor(ctx: Context, scope: MerchantScope): Promise<MerchantActor> {
  const me = await ctx.em.findOneOrFail(MerchantUser, scope.merchantUserId);
  return { merchantId: scope.merchantId, type: "merchant_user", id: me.publicId, ...originOf(ctx) };
}

/** Credentials are sealed with the server's key: without one there is nothing to seal with. */
function sealer(ctx: Context): SecretSealer {
  const keys = ctx.auth.secretKeys;
  if (!keys) {
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      "ENCRYPTION_KEY_MISSING",
      "Gateway credentials cannot be stored: no encryption key is configured (PORTICO_ENCRYPTION_KEY).",
    );
  }
  return keys;
}

/**
 * `admin.gateway`: which payment gateway the merchant charges through, and its Stripe
 * credentials, for owners and admins. Secrets go in and never come back out: `get` shows
 * the mode and the key's last 4 characters only.
 */
export const gatewayRouter = createTRPCRouter({
  get: merchantAdminProcedure.query(({ ctx }) => getGatewaySettings(ctx.em, ctx.merchantScope.merchantId)),
  setStripe: merchantAdminProcedure
    .input(ZSetStripeCredentialsInput)
    .mutation(async ({ ctx, input }) =>
      setStripeCredentials(ctx.em, ctx.clock, await consoleActor(ctx, ctx.merchantScope), input, sealer(ctx)),
    ),
  clear: merchantAdminProcedure.mutation(async ({ ctx }) =>
    clearStripeCredentials(ctx.em, ctx.clock, await consoleActor(ctx, ctx.merchantScope)),
  ),
});
