import { createPrice, getPrice, listPrices, mapPage, toPriceDto, updatePrice } from "@portico/core";
import { ZCreatePriceInput, ZListPricesInput, ZPriceRefInput, ZUpdatePriceInput } from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Prices of the API key's merchant's products; amounts are fixed once created. */
export const pricesRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreatePriceInput)
    .mutation(async ({ ctx, input }) =>
      toPriceDto(await createPrice(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  update: integrationProcedure
    .input(ZUpdatePriceInput)
    .mutation(async ({ ctx, input }) =>
      toPriceDto(await updatePrice(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  /** By id (`{ id: "price_…" }`) or lookup key (`{ lookupKey: "pro_monthly" }`). */
  get: integrationProcedure
    .input(ZPriceRefInput)
    .query(async ({ ctx, input }) => toPriceDto(await getPrice(ctx.em, ctx.integration.merchantId, input))),

  list: integrationProcedure
    .input(ZListPricesInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listPrices(ctx.em, ctx.integration.merchantId, input), toPriceDto),
    ),
});
