import { Merchant, type EntityManager } from "@portico/db";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import { gatewayCustomerOf } from "./methods.js";
import { gatewayFor } from "./registry.js";
import { customerInScope, type PaymentScope } from "./scope.js";
import { stripePublishableKeyOf } from "./stripe-credentials.js";

/**
 * How the browser collects a new method for the merchant's gateway: the sandbox's
 * test-card form posts the card to `addPaymentMethod`; Stripe.js mounts its card Element
 * with the publishable key, confirms the SetupIntent with the client secret, and the
 * confirmed `seti_…` goes to `addPaymentMethod`. The card number goes to Stripe only.
 */
export type MethodSetupDto =
  { gateway: "sandbox" } | { gateway: "stripe"; publishableKey: string; clientSecret: string };

const notConfigured = (message: string) =>
  new AppError("SERVICE_UNAVAILABLE", "GATEWAY_NOT_CONFIGURED", message, { details: { gateway: "stripe" } });

/**
 * Starts adding a method for a customer in scope. For Stripe merchants this makes the
 * Stripe customer when there is none yet, then a SetupIntent for it (each call a new one:
 * an abandoned SetupIntent costs nothing and expires on Stripe's side). A Stripe merchant
 * without a publishable key is SERVICE_UNAVAILABLE `GATEWAY_NOT_CONFIGURED`.
 */
export async function startPaymentMethodSetup(
  em: EntityManager,
  clock: Clock,
  scope: PaymentScope,
  customerRef: string,
): Promise<MethodSetupDto> {
  const customer = await customerInScope(em, scope, customerRef);
  const merchant = await em.findOneOrFail(Merchant, scope.merchantId);
  if (merchant.gateway === "sandbox") return { gateway: "sandbox" };
  const publishableKey = stripePublishableKeyOf(merchant);
  if (!publishableKey) throw notConfigured("This merchant has no Stripe publishable key configured.");
  const gateway = gatewayFor(merchant, clock);
  if (!gateway.createSetupIntent) throw notConfigured("This gateway cannot collect cards in the portal.");
  if (gateway.ensureCustomer && !customer.gatewayCustomerId) {
    customer.gatewayCustomerId = await gateway.ensureCustomer(gatewayCustomerOf(customer));
    await em.flush();
  }
  const intent = await gateway.createSetupIntent(gatewayCustomerOf(customer));
  return { gateway: "stripe", publishableKey, clientSecret: intent.clientSecret };
}
