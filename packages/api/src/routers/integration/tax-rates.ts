import { archiveTaxRate, createTaxRate, listTaxRates, mapPage, toTaxRateDto } from "@portico/core";
import { ZCreateTaxRateInput, ZListTaxRatesInput, ZTaxRateIdInput } from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Tax rates of the API key's merchant. */
export const taxRatesRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateTaxRateInput)
    .mutation(async ({ ctx, input }) =>
      toTaxRateDto(await createTaxRate(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  list: integrationProcedure
    .input(ZListTaxRatesInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listTaxRates(ctx.em, ctx.integration.merchantId, input), toTaxRateDto),
    ),

  archive: integrationProcedure
    .input(ZTaxRateIdInput)
    .mutation(async ({ ctx, input }) =>
      toTaxRateDto(await archiveTaxRate(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
    ),
});
