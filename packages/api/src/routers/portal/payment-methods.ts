import {
  addPortalPaymentMethod,
  listPortalPaymentMethods,
  removePortalPaymentMethod,
  setDefaultPortalPaymentMethod,
  type MethodSource,
  type PortalActor,
} from "@portico/core";
import {
  ZPaymentMethodRefInput,
  ZPortalAddPaymentMethodInput,
  type TPortalAddPaymentMethodInput,
} from "@portico/validators";
import { customerProcedure, type CustomerScope } from "../../procedures/customer.js";
import { originOf } from "../../procedures/integration.js";
import { createTRPCRouter, type Context } from "../../trpc.js";

/** A test card's form data (sandbox merchants) or a confirmed SetupIntent (Stripe). */
function sourceOf(input: TPortalAddPaymentMethodInput): MethodSource {
  return "card" in input
    ? { type: "test_card", ...input.card }
    : { type: "setup_intent", setupIntentId: input.setupIntent };
}

/** The signed-in customer, as the audit trail of a method change records it. */
function portalActor(ctx: Context & { scope: CustomerScope }): PortalActor {
  const { merchantId, customerId } = ctx.scope;
  return {
    type: "customer_user",
    id: null,
    merchantId,
    customerId,
    ...originOf(ctx),
    requestId: ctx.req.requestId,
  };
}

/**
 * The signed-in customer's saved payment methods: brand, last4 and expiry only. Another
 * customer's `pm_…` is NOT_FOUND; the last method a subscription charges cannot be removed.
 */
export const portalPaymentMethodsRouter = createTRPCRouter({
  /** The default first, then newest. */
  list: customerProcedure
    .meta({ scope: "payment_methods:read" })
    .query(({ ctx }) => listPortalPaymentMethods(ctx.em, ctx.scope)),

  add: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .input(ZPortalAddPaymentMethodInput)
    .mutation(({ ctx, input }) =>
      addPortalPaymentMethod(ctx.em, ctx.clock, portalActor(ctx), {
        source: sourceOf(input),
        setDefault: input.setDefault,
      }),
    ),

  setDefault: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .input(ZPaymentMethodRefInput)
    .mutation(({ ctx, input }) =>
      setDefaultPortalPaymentMethod(ctx.em, ctx.clock, portalActor(ctx), input.paymentMethod),
    ),

  remove: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .input(ZPaymentMethodRefInput)
    .mutation(({ ctx, input }) =>
      removePortalPaymentMethod(ctx.em, ctx.clock, portalActor(ctx), input.paymentMethod),
    ),
});
