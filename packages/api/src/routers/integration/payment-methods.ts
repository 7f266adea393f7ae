import {
  addPaymentMethod,
  listPaymentMethods,
  removePaymentMethod,
  setDefaultPaymentMethod,
  toPaymentMethodDto,
  type MethodSource,
} from "@portico/core";
import {
  ZAddPaymentMethodInput,
  ZListPaymentMethodsInput,
  ZPaymentMethodRefInput,
  type TAddPaymentMethodInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** A test card's form data (sandbox merchants) or a confirmed SetupIntent (Stripe). */
function sourceOf(input: TAddPaymentMethodInput): MethodSource {
  return "card" in input
    ? { type: "test_card", ...input.card }
    : { type: "setup_intent", setupIntentId: input.setupIntent };
}

/** Saved payment methods of the API key's merchant's customers: brand, last4 and expiry only. */
export const paymentMethodsRouter = createTRPCRouter({
  add: integrationProcedure.input(ZAddPaymentMethodInput).mutation(async ({ ctx, input }) =>
    toPaymentMethodDto(
      await addPaymentMethod(ctx.em, ctx.clock, integrationActor(ctx), {
        customer: input.customer,
        source: sourceOf(input),
        setDefault: input.setDefault,
        metadata: input.metadata,
      }),
    ),
  ),

  /** The default first, then newest. */
  list: integrationProcedure
    .input(ZListPaymentMethodsInput)
    .query(async ({ ctx, input }) =>
      (await listPaymentMethods(ctx.em, integrationActor(ctx), input.customer)).map(toPaymentMethodDto),
    ),

  setDefault: integrationProcedure
    .input(ZPaymentMethodRefInput)
    .mutation(async ({ ctx, input }) =>
      toPaymentMethodDto(
        await setDefaultPaymentMethod(ctx.em, ctx.clock, integrationActor(ctx), input.paymentMethod),
      ),
    ),

  remove: integrationProcedure
    .input(ZPaymentMethodRefInput)
    .mutation(async ({ ctx, input }) =>
      toPaymentMethodDto(
        await removePaymentMethod(ctx.em, ctx.clock, integrationActor(ctx), input.paymentMethod),
      ),
    ),
});
