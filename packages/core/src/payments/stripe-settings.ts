import { LockMode } from "@mikro-orm/core";
import {
  Merchant,
  queueAuditEvent,
  type EntityManager,
  type IMerchant,
  type PaymentGateway,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { AppError } from "../errors.js";
import {
  sealStripeCredentials,
  STRIPE_CONFIG_KEYS,
  type SecretSealer,
  type StripeCredentials,
  type StripeMode,
} from "./stripe-credentials.js";

/** What the console shows of a merchant's gateway: never a secret, only the key's last 4. */
export interface GatewaySettingsDto {
  gateway: PaymentGateway;
  stripe: {
    configured: boolean;
    mode: StripeMode | null;
    /** Last 4 characters of the secret key, to tell keys apart. */
    keyLast4: string | null;
    /** Where the Stripe webhook endpoint must point, relative to PUBLIC_URL. */
    webhookPath: string;
  };
}

export function toGatewaySettingsDto(merchant: Pick<IMerchant, "publicId" | "gateway" | "gatewayConfig">) {
  const config = merchant.gatewayConfig ?? {};
  const configured = Boolean(
    config[STRIPE_CONFIG_KEYS.secretKey] && config[STRIPE_CONFIG_KEYS.webhookSecret],
  );
  const mode = config[STRIPE_CONFIG_KEYS.mode];
  return {
    gateway: merchant.gateway,
    stripe: {
      configured,
      mode: configured && (mode === "test" || mode === "live") ? mode : null,
      keyLast4: configured ? (config[STRIPE_CONFIG_KEYS.keyLast4] ?? null) : null,
      webhookPath: `/webhooks/stripe/${merchant.publicId}`,
    },
  } satisfies GatewaySettingsDto;
}

export async function getGatewaySettings(em: EntityManager, merchantId: number): Promise<GatewaySettingsDto> {
  return toGatewaySettingsDto(await em.findOneOrFail(Merchant, merchantId));
}

export interface SetStripeCredentialsInput extends StripeCredentials {
  /** Charge through Stripe from now on (default true); false only stores the credentials. */
  activate?: boolean;
}

/**
 * Stores the merchant's Stripe secret key and webhook signing secret, each sealed to the
 * merchant's row, and (unless `activate: false`) makes Stripe its gateway. A live key for a
 * test merchant, or a test key for a live one, is BAD_REQUEST `STRIPE_KEY_MODE_MISMATCH`:
 * live money never moves through a sandbox merchant, nor test charges pass as real ones.
 */
export async function setStripeCredentials(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: SetStripeCredentialsInput,
  secrets: SecretSealer,
): Promise<GatewaySettingsDto> {
  return em.transactional(async (tx) => {
    const merchant = await tx.findOneOrFail(Merchant, actor.merchantId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    const config = sealStripeCredentials(merchant, input, secrets);
    const mode = config[STRIPE_CONFIG_KEYS.mode] as StripeMode;
    if ((mode === "live") !== merchant.livemode) {
      throw new AppError(
        "BAD_REQUEST",
        "STRIPE_KEY_MODE_MISMATCH",
        merchant.livemode
          ? "A live merchant needs a live Stripe key."
          : "A test merchant needs a test Stripe key.",
        { details: { keyMode: mode, livemode: merchant.livemode } },
      );
    }
    const now = clock.now();
    const previous = merchant.gateway;
    // New credentials replace the old publishable key too: one of another account must not stay.
    const { [STRIPE_CONFIG_KEYS.publishableKey]: _previousKey, ...kept } = merchant.gatewayConfig ?? {};
    merchant.gatewayConfig = { ...kept, ...config };
    if (input.activate !== false) merchant.gateway = "stripe";
    merchant.updatedAt = now;
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "Merchant.StripeConfigured",
        targetType: "merchant",
        targetId: merchant.publicId,
        data: { mode, keyLast4: config[STRIPE_CONFIG_KEYS.keyLast4], gateway: merchant.gateway, previous },
        at: now,
      }),
    );
    await tx.flush();
    return toGatewaySettingsDto(merchant);
  });
}

/**
 * Forgets the merchant's Stripe credentials; a merchant charging through Stripe goes back to
 * the sandbox (Stripe cannot be its gateway without them). Stripe payments already made
 * cannot be refunded or settled until credentials are set again.
 */
export async function clearStripeCredentials(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
): Promise<GatewaySettingsDto> {
  return em.transactional(async (tx) => {
    const merchant = await tx.findOneOrFail(Merchant, actor.merchantId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    const config = { ...merchant.gatewayConfig };
    const hadCredentials = Object.values(STRIPE_CONFIG_KEYS).some((key) => key in config);
    if (!hadCredentials && merchant.gateway !== "stripe") return toGatewaySettingsDto(merchant);
    for (const key of Object.values(STRIPE_CONFIG_KEYS)) delete config[key];
    const now = clock.now();
    merchant.gatewayConfig = Object.keys(config).length > 0 ? config : null;
    merchant.gateway = "sandbox";
    merchant.updatedAt = now;
    queueAuditEvent(
      tx,
      auditEventBy(actor, {
        action: "Merchant.StripeCleared",
        targetType: "merchant",
        targetId: merchant.publicId,
        data: { gateway: merchant.gateway },
        at: now,
      }),
    );
    await tx.flush();
    return toGatewaySettingsDto(merchant);
  });
}
