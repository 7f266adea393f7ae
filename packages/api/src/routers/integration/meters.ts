import { createMeter, deactivateMeter, getMeter, listMeters } from "@portico/core";
import { ZCreateMeterInput, ZListMetersInput, ZMeterIdInput } from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Meters (what usage events are aggregated into) of the API key's merchant. */
export const metersRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateMeterInput)
    .mutation(({ ctx, input }) => createMeter(ctx.em, ctx.clock, integrationActor(ctx), input)),

  list: integrationProcedure
    .input(ZListMetersInput)
    .query(({ ctx, input }) => listMeters(ctx.em, ctx.integration.merchantId, input ?? {})),

  get: integrationProcedure
    .input(ZMeterIdInput)
    .query(({ ctx, input }) => getMeter(ctx.em, ctx.integration.merchantId, input.id)),

  deactivate: integrationProcedure
    .input(ZMeterIdInput)
    .mutation(({ ctx, input }) => deactivateMeter(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
});
