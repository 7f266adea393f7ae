import type { IMerchant, PaymentGateway } from "@portico/db";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";
import type { Gateway } from "./gateway.js";
import { SandboxGateway, SandboxLedger } from "./sandbox-gateway.js";

/**
 * Builds a merchant's gateway client: its credentials come from the merchant
 * (`gatewayConfig`), the clock from the caller (a sandbox test clock's time in tests).
 */
export type GatewayFactory = (
  merchant: Pick<IMerchant, "publicId" | "gatewayConfig">,
  clock: Clock,
) => Gateway;

/** The process's sandbox memory (idempotency keys, charges made), shared by all merchants. */
export const sandboxLedger = new SandboxLedger();

const factories = new Map<PaymentGateway, GatewayFactory>([
  [
    "sandbox",
    (merchant, clock) => new SandboxGateway(sandboxLedger, { clock, fingerprintSalt: merchant.publicId }),
  ],
]);

/**
 * Makes `name` available (the Stripe gateway registers itself at start) or replaces it (a
 * test's fake). Returns a function that puts back the previous factory.
 */
export function registerGateway(name: PaymentGateway, factory: GatewayFactory): () => void {
  const previous = factories.get(name);
  factories.set(name, factory);
  return () => {
    if (previous) factories.set(name, previous);
    else factories.delete(name);
  };
}

/**
 * The merchant's client of `name` — by default the gateway the merchant uses now; a payment
 * or refund names the one it went through. SERVICE_UNAVAILABLE when it is not set up here.
 */
export function gatewayFor(
  merchant: Pick<IMerchant, "publicId" | "gateway" | "gatewayConfig">,
  clock: Clock,
  name: PaymentGateway = merchant.gateway,
): Gateway {
  const factory = factories.get(name);
  if (!factory) {
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "GATEWAY_NOT_CONFIGURED",
      `The ${name} payment gateway is not configured on this server.`,
      { details: { gateway: name } },
    );
  }
  return factory(merchant, clock);
}
