import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  mapPage,
  resendWebhookDelivery,
  resolveWebhookEndpoint,
  rotateWebhookEndpointSecret,
  toWebhookDeliveryDto,
  toWebhookEndpointDto,
  toWebhookEndpointWithSecretDto,
  updateWebhookEndpoint,
} from "@portico/core";
import {
  ZCreateWebhookEndpointInput,
  ZListWebhookDeliveriesInput,
  ZListWebhookEndpointsInput,
  ZResendWebhookDeliveryInput,
  ZUpdateWebhookEndpointInput,
  ZWebhookEndpointRefInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/**
 * The API key's merchant's outbound webhook endpoints and their delivery log. The signing
 * secret is answered by `create` and `rotateSecret` only.
 */
export const webhookEndpointsRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateWebhookEndpointInput)
    .mutation(async ({ ctx, input }) =>
      toWebhookEndpointWithSecretDto(
        await createWebhookEndpoint(ctx.em, ctx.clock, integrationActor(ctx), input, ctx.webhookTargets),
      ),
    ),

  list: integrationProcedure
    .input(ZListWebhookEndpointsInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listWebhookEndpoints(ctx.em, ctx.integration.merchantId, input), toWebhookEndpointDto),
    ),

  get: integrationProcedure
    .input(ZWebhookEndpointRefInput)
    .query(async ({ ctx, input }) =>
      toWebhookEndpointDto(await resolveWebhookEndpoint(ctx.em, ctx.integration.merchantId, input.endpoint)),
    ),

  update: integrationProcedure
    .input(ZUpdateWebhookEndpointInput)
    .mutation(async ({ ctx, input }) =>
      toWebhookEndpointDto(
        await updateWebhookEndpoint(ctx.em, ctx.clock, integrationActor(ctx), input, ctx.webhookTargets),
      ),
    ),

  delete: integrationProcedure
    .input(ZWebhookEndpointRefInput)
    .mutation(({ ctx, input }) =>
      deleteWebhookEndpoint(ctx.em, ctx.clock, integrationActor(ctx), input.endpoint),
    ),

  rotateSecret: integrationProcedure
    .input(ZWebhookEndpointRefInput)
    .mutation(async ({ ctx, input }) =>
      toWebhookEndpointWithSecretDto(
        await rotateWebhookEndpointSecret(ctx.em, ctx.clock, integrationActor(ctx), input.endpoint),
      ),
    ),

  deliveries: integrationProcedure
    .input(ZListWebhookDeliveriesInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listWebhookDeliveries(ctx.em, ctx.integration.merchantId, input), toWebhookDeliveryDto),
    ),

  resend: integrationProcedure.input(ZResendWebhookDeliveryInput).mutation(async ({ ctx, input }) => {
    const delivery = await resendWebhookDelivery(ctx.em, ctx.clock, integrationActor(ctx), input.delivery);
    return toWebhookDeliveryDto(delivery);
  }),
});
