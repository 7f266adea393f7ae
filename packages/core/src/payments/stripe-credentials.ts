import type { IMerchant } from "@portico/db";
import { AppError } from "../errors.js";

/**
 * What core needs to keep a secret at rest: seal a value bound to the row it is stored in,
 * open it back. The server's keyring (auth's SecretKeyring, AES-256-GCM) has this shape and
 * is handed down by the API and the server, so core never imports auth.
 */
export interface SecretSealer {
  seal(plaintext: string, context: string): string;
  /** Null when the value does not open (another key, altered, another row's value). */
  open(sealed: string, context: string): { plaintext: string } | null;
}

export interface StripeCredentials {
  /** `sk_test_…` / `sk_live_…`, or a restricted `rk_…` key. */
  secretKey: string;
  /** The webhook endpoint's signing secret, `whsec_…`. */
  webhookSecret: string;
  /** `pk_test_…` / `pk_live_…`: Stripe.js needs it to collect cards in the portal. Not a secret. */
  publishableKey?: string | null;
}

export type StripeMode = "test" | "live";

/** Secret (or restricted) API keys, as Stripe issues them. */
const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{16,247}$/;
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]{16,200}$/;
const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9]{16,247}$/;

/**
 * How the credentials sit in `Merchant.gatewayConfig`: the two secrets sealed, plus what
 * the console may show without opening them.
 */
export const STRIPE_CONFIG_KEYS = {
  secretKey: "stripeSecretKey",
  webhookSecret: "stripeWebhookSecret",
  keyLast4: "stripeKeyLast4",
  mode: "stripeMode",
  /** Kept in clear: the portal hands it to every browser. */
  publishableKey: "stripePublishableKey",
} as const;

const sealContext = (merchant: Pick<IMerchant, "publicId">, field: string) =>
  `merchant.gateway_config.${field}:${merchant.publicId}`;

/** BAD_REQUEST unless both values look like what Stripe issues; the mode comes from the key. */
export function checkStripeCredentials(input: StripeCredentials): StripeMode {
  const key = SECRET_KEY.exec(input.secretKey);
  if (!key) {
    throw new AppError(
      "BAD_REQUEST",
      "STRIPE_KEY_INVALID",
      "Enter a Stripe secret key (sk_test_…, sk_live_… or a restricted rk_… key).",
    );
  }
  if (!WEBHOOK_SECRET.test(input.webhookSecret)) {
    throw new AppError(
      "BAD_REQUEST",
      "STRIPE_WEBHOOK_SECRET_INVALID",
      "Enter the webhook endpoint's signing secret (whsec_…).",
    );
  }
  const mode = key[2] as StripeMode;
  if (input.publishableKey != null) {
    const publishable = PUBLISHABLE_KEY.exec(input.publishableKey);
    if (!publishable || publishable[1] !== mode) {
      throw new AppError(
        "BAD_REQUEST",
        "STRIPE_PUBLISHABLE_KEY_INVALID",
        `Enter the publishable key of the same account and mode (pk_${mode}_…).`,
      );
    }
  }
  return mode;
}

/** The `gatewayConfig` holding `input` for `merchant`, both secrets sealed to it. */
export function sealStripeCredentials(
  merchant: Pick<IMerchant, "publicId">,
  input: StripeCredentials,
  sealer: SecretSealer,
): Record<string, string> {
  const mode = checkStripeCredentials(input);
  const k = STRIPE_CONFIG_KEYS;
  return {
    [k.secretKey]: sealer.seal(input.secretKey, sealContext(merchant, k.secretKey)),
    [k.webhookSecret]: sealer.seal(input.webhookSecret, sealContext(merchant, k.webhookSecret)),
    [k.keyLast4]: input.secretKey.slice(-4),
    [k.mode]: mode,
    ...(input.publishableKey != null ? { [k.publishableKey]: input.publishableKey } : {}),
  };
}

function openField(
  merchant: Pick<IMerchant, "publicId" | "gatewayConfig">,
  field: string,
  sealer: SecretSealer,
): string | null {
  const sealed = merchant.gatewayConfig?.[field];
  if (!sealed) return null;
  return sealer.open(sealed, sealContext(merchant, field))?.plaintext ?? null;
}

/** The merchant's Stripe secret key, or null when none is stored or it does not open here. */
export function stripeSecretKeyOf(
  merchant: Pick<IMerchant, "publicId" | "gatewayConfig">,
  sealer: SecretSealer,
): string | null {
  return openField(merchant, STRIPE_CONFIG_KEYS.secretKey, sealer);
}

/** The merchant's Stripe publishable key, or null when none was given with the credentials. */
export function stripePublishableKeyOf(merchant: Pick<IMerchant, "gatewayConfig">): string | null {
  return merchant.gatewayConfig?.[STRIPE_CONFIG_KEYS.publishableKey] ?? null;
}

/** The merchant's webhook signing secret, or null when none is stored or it does not open here. */
export function stripeWebhookSecretOf(
  merchant: Pick<IMerchant, "publicId" | "gatewayConfig">,
  sealer: SecretSealer,
): string | null {
  return openField(merchant, STRIPE_CONFIG_KEYS.webhookSecret, sealer);
}
