import {
  archiveProduct,
  createProduct,
  getProduct,
  listProducts,
  mapPage,
  toProductDto,
  updateProduct,
} from "@portico/core";
import {
  ZCreateProductInput,
  ZListProductsInput,
  ZProductIdInput,
  ZUpdateProductInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Products of the API key's merchant. */
export const productsRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateProductInput)
    .mutation(async ({ ctx, input }) =>
      toProductDto(await createProduct(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  update: integrationProcedure
    .input(ZUpdateProductInput)
    .mutation(async ({ ctx, input }) =>
      toProductDto(await updateProduct(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  get: integrationProcedure
    .input(ZProductIdInput)
    .query(async ({ ctx, input }) =>
      toProductDto(await getProduct(ctx.em, ctx.integration.merchantId, input.id)),
    ),

  list: integrationProcedure
    .input(ZListProductsInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listProducts(ctx.em, ctx.integration.merchantId, input), toProductDto),
    ),

  archive: integrationProcedure
    .input(ZProductIdInput)
    .mutation(async ({ ctx, input }) =>
      toProductDto(await archiveProduct(ctx.em, ctx.clock, integrationActor(ctx), input.id)),
    ),
});
