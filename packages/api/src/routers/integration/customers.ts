import {
  createCustomer,
  deleteCustomer,
  getCustomerCredit,
  listCustomers,
  mapPage,
  resolveCustomer,
  toCustomerDto,
  updateCustomer,
} from "@portico/core";
import {
  ZCreateCustomerInput,
  ZCustomerRefInput,
  ZListCustomersInput,
  ZUpdateCustomerInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Customers of the API key's merchant, by Portico id (`cus_…`) or the merchant's external id. */
export const customersRouter = createTRPCRouter({
  create: integrationProcedure
    .input(ZCreateCustomerInput)
    .mutation(async ({ ctx, input }) =>
      toCustomerDto(await createCustomer(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  update: integrationProcedure
    .input(ZUpdateCustomerInput)
    .mutation(async ({ ctx, input }) =>
      toCustomerDto(await updateCustomer(ctx.em, ctx.clock, integrationActor(ctx), input)),
    ),

  get: integrationProcedure
    .input(ZCustomerRefInput)
    .query(async ({ ctx, input }) =>
      toCustomerDto(await resolveCustomer(ctx.em, ctx.integration.merchantId, input.customer)),
    ),

  list: integrationProcedure
    .input(ZListCustomersInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listCustomers(ctx.em, ctx.integration.merchantId, input), toCustomerDto),
    ),

  delete: integrationProcedure
    .input(ZCustomerRefInput)
    .mutation(({ ctx, input }) => deleteCustomer(ctx.em, ctx.clock, integrationActor(ctx), input.customer)),

  /** Balance, credit limit and available credit (limit − what is owed). */
  credit: integrationProcedure
    .input(ZCustomerRefInput)
    .query(({ ctx, input }) => getCustomerCredit(ctx.em, integrationActor(ctx), input.customer)),
});
