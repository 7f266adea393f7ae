import { getCustomerUsage, ingestUsage } from "@portico/core";
import { ZCustomerRefInput, ZIngestUsageInput } from "@portico/validators";
import { integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Usage events in, current usage out, for the API key's merchant. */
export const usageRouter = createTRPCRouter({
  /** Up to 1000 events; idempotent by event id. An invalid event refuses the whole batch. */
  ingest: integrationProcedure
    .input(ZIngestUsageInput)
    .mutation(({ ctx, input }) => ingestUsage(ctx.em, ctx.clock, ctx.integration.merchantId, input.events)),

  get: integrationProcedure
    .input(ZCustomerRefInput)
    .query(({ ctx, input }) =>
      getCustomerUsage(ctx.em, ctx.clock, ctx.integration.merchantId, input.customer),
    ),
});
