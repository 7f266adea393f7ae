import {
  addPortalPaymentMethod,
  listPortalPaymentMethods,
  removePortalPaymentMethod,
  setDefaultPortalPaymentMethod,
  setupPortalPaymentMethod,
  type MethodSource,
} from "@portico/core";
import {
  ZPaymentMethodRefInput,
  ZPortalAddPaymentMethodInput,
  type TPortalAddPaymentMethodInput,
} from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";
import { portalUserActor } from "./portal-user-actor.js";

/** A test card's form data (sandbox merchants) or a confirmed SetupIntent (Stripe). */
function sourceOf(input: TPortalAddPaymentMethodInput): MethodSource {
  return "card" in input
    ? { type: "test_card", ...input.card }
    : { type: "setup_intent", setupIntentId: input.setupIntent };
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

  /**
   * How the browser collects a new card: the sandbox's test-card form, or Stripe.js with a
   * new SetupIntent's client secret (confirmed in the browser, then passed to `add`).
   */
  setup: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .query(({ ctx }) => setupPortalPaymentMethod(ctx.em, ctx.clock, ctx.scope)),

  add: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .input(ZPortalAddPaymentMethodInput)
    .mutation(({ ctx, input }) =>
      addPortalPaymentMethod(ctx.em, ctx.clock, portalUserActor(ctx), {
        source: sourceOf(input),
        setDefault: input.setDefault,
      }),
    ),

  setDefault: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .input(ZPaymentMethodRefInput)
    .mutation(({ ctx, input }) =>
      setDefaultPortalPaymentMethod(ctx.em, ctx.clock, portalUserActor(ctx), input.paymentMethod),
    ),

  remove: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "paymentMethodUpdate" })
    .input(ZPaymentMethodRefInput)
    .mutation(({ ctx, input }) =>
      removePortalPaymentMethod(ctx.em, ctx.clock, portalUserActor(ctx), input.paymentMethod),
    ),
});
