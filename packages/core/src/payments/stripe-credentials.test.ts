import { describe, expect, it } from "vitest";
import { testSealer } from "./stripe-fixtures/test-sealer.js";
import {
  checkStripeCredentials,
  sealStripeCredentials,
  STRIPE_CONFIG_KEYS,
  stripePublishableKeyOf,
  stripeSecretKeyOf,
} from "./stripe-credentials.js";

const TEST = {
  secretKey: "sk_test_51PorticoReplayKey0000000000000000",
  webhookSecret: "whsec_PorticoReplaySigningSecret000000",
};
const merchant = { publicId: "mer_abc" };

describe("Stripe publishable key", () => {
  it("is kept in clear beside the sealed secrets, for the portal's Stripe.js", () => {
    const publishableKey = "pk_test_51PorticoReplayKey0000000000000000";
    const config = sealStripeCredentials(merchant, { ...TEST, publishableKey }, testSealer);
    expect(config[STRIPE_CONFIG_KEYS.publishableKey]).toBe(publishableKey);
    expect(stripePublishableKeyOf({ gatewayConfig: config })).toBe(publishableKey);
    expect(stripeSecretKeyOf({ ...merchant, gatewayConfig: config }, testSealer)).toBe(TEST.secretKey);
  });

  it("is optional, and must be of the secret key's mode", () => {
    const config = sealStripeCredentials(merchant, TEST, testSealer);
    expect(stripePublishableKeyOf({ gatewayConfig: config })).toBeNull();
    for (const publishableKey of [
      "pk_live_51PorticoReplayKey0000000000000000",
      "sk_test_51PorticoReplayKey00000000",
      "pk_test_short",
    ]) {
      expect(() => checkStripeCredentials({ ...TEST, publishableKey })).toThrow(
        expect.objectContaining({ reason: "STRIPE_PUBLISHABLE_KEY_INVALID" }),
      );
    }
  });
});
