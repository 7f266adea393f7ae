import {
  applyChange,
  cancelSubscription,
  clearScheduledChange,
  createSubscription,
  getSubscription,
  listSubscriptions,
  mapPage,
  pauseSubscription,
  previewChange,
  resumeSubscription,
  toSubscriptionDto,
  toSubscriptionResultDto,
  undoCancel,
} from "@portico/core";
import {
  ZCancelSubscriptionInput,
  ZChangeSubscriptionInput,
  ZCreateSubscriptionInput,
  ZListSubscriptionsInput,
  ZPauseSubscriptionInput,
  ZSubscriptionIdInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/**
 * Subscriptions of the API key's merchant's customers. Calls that may invoice (change,
 * cancel, resume) answer `{ subscription, invoice }`, the invoice issued now or null.
 */
export const subscriptionsRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateSubscriptionInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionDto(await createSubscription(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  get: integrationProcedure
    .input(ZSubscriptionIdInput)
    .query(async ({ ctx, input }) =>
      toSubscriptionDto(await getSubscription(ctx.em, ctx.integration, input.id)),
    ),

  /** One customer's (by `cus_…` or external id), newest first. */
  list: integrationProcedure
    .input(ZListSubscriptionsInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listSubscriptions(ctx.em, ctx.integration, input), toSubscriptionDto),
    ),

  /** What `change` with the same input would invoice now and at the next renewal. */
  previewChange: integrationProcedure
    .input(ZChangeSubscriptionInput)
    .query(({ ctx, input }) => previewChange(ctx.em, ctx.clock, ctx.integration, input)),

  change: integrationProcedure
    .input(ZChangeSubscriptionInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionResultDto(await applyChange(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  clearScheduledChange: integrationProcedure
    .input(ZSubscriptionIdInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionDto(await clearScheduledChange(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
    ),

  cancel: integrationProcedure
    .input(ZCancelSubscriptionInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionResultDto(await cancelSubscription(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  undoCancel: integrationProcedure
    .input(ZSubscriptionIdInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionDto(await undoCancel(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
    ),

  pause: integrationProcedure
    .input(ZPauseSubscriptionInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionDto(await pauseSubscription(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  resume: integrationProcedure
    .input(ZSubscriptionIdInput)
    .mutation(async ({ ctx, input }) =>
      toSubscriptionResultDto(await resumeSubscription(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
    ),
});
