import { hashPassword, SecretKeyring } from "@portico/auth";
import { fixedClock, stripeSecretKeyOf, stripeWebhookSecretOf } from "@portico/core";
import { AuditEvent, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleBrowser } from "../../test/browser.js";
import { failure } from "../../test/failure.js";

const clock = fixedClock("2026-03-01T12:00:00Z");
const ORIGIN = "https://console.acme.test";
const PASSWORD = "right-password-1";
const TEST_KEY = "sk_test_51AcmeStripeKeyForTests0000000000Wxyz";
const LIVE_KEY = "sk_live_51AcmeStripeKeyForTests0000000000Live";
const WEBHOOK_SECRET = "whsec_AcmeWebhookSigningSecret00000000";

describe("admin.gateway", () => {
  let db: TestDatabase;
  const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);

  /** A signed-in console browser for `email`; `secretKeys: null` is a server without a key. */
  async function consoleAs(email: string, secretKeys: SecretKeyring | null = keys) {
    const merchant = email.split("@")[1]!.split(".")[0]!;
    const signedIn = await consoleBrowser(
      db,
      { clock, origin: ORIGIN, secretKeys },
      { merchant, email, password: PASSWORD },
    );
    return signedIn.call;
  }

  const acme = () => db.em().findOneOrFail(Merchant, { slug: "acme" });

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const passwordHash = await hashPassword(PASSWORD);
    const acmeMerchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const beta = em.create(Merchant, { slug: "beta", name: "Beta" });
    for (const [merchant, email, role] of [
      [acmeMerchant, "admin@acme.test", "admin"],
      [acmeMerchant, "support@acme.test", "support"],
      [beta, "admin@beta.test", "admin"],
    ] as const) {
      em.create(MerchantUser, { merchant, email, name: email, role, passwordHash });
    }
    await em.flush();
  });
  afterAll(() => db?.close());

  it("stores the Stripe key and signing secret sealed, switches to Stripe and shows only the key's last 4", async () => {
    const admin = await consoleAs("admin@acme.test");
    expect(await admin().admin.gateway.get()).toMatchObject({
      gateway: "sandbox",
      stripe: { configured: false },
    });

    const settings = await admin().admin.gateway.setStripe({
      secretKey: TEST_KEY,
      webhookSecret: WEBHOOK_SECRET,
    });
    const merchant = await acme();
    expect(settings).toEqual({
      gateway: "stripe",
      stripe: {
        configured: true,
        mode: "test",
        keyLast4: "Wxyz",
        webhookPath: `/webhooks/stripe/${merchant.publicId}`,
      },
    });
    expect(await admin().admin.gateway.get()).toEqual(settings);

    // What the table holds: neither secret in clear, both opening with the server's key.
    const [row] = await db
      .em()
      .getConnection()
      .execute<{ gateway_config: unknown }[]>(
        `select "gateway_config" from "merchant" where "slug" = 'acme'`,
      );
    const stored = JSON.stringify(row?.gateway_config);
    expect(stored).not.toContain(TEST_KEY.slice(8));
    expect(stored).not.toContain(WEBHOOK_SECRET.slice(6));
    expect(stripeSecretKeyOf(merchant, keys)).toBe(TEST_KEY);
    expect(stripeWebhookSecretOf(merchant, keys)).toBe(WEBHOOK_SECRET);
    // Sealed to this merchant's row: copied to another merchant it does not open.
    expect(stripeSecretKeyOf({ ...merchant, publicId: "mer_other" }, keys)).toBeNull();

    const [event] = await db.em().find(AuditEvent, { action: "Merchant.StripeConfigured" });
    expect(event).toMatchObject({
      actorType: "merchant_user",
      targetId: merchant.publicId,
      ip: "198.51.100.7",
    });
    expect(event!.actorId).toMatch(/^mu_/);
    expect(JSON.stringify(event!.data)).not.toContain(TEST_KEY);
  });

  it("refuses a live key for a test merchant, malformed secrets and a server without an encryption key", async () => {
    const admin = await consoleAs("admin@acme.test");
    const before = (await acme()).gatewayConfig;
    expect(
      await failure(admin().admin.gateway.setStripe({ secretKey: LIVE_KEY, webhookSecret: WEBHOOK_SECRET })),
    ).toBe("BAD_REQUEST STRIPE_KEY_MODE_MISMATCH");
    expect(
      await failure(
        admin().admin.gateway.setStripe({ secretKey: "pk_test_123", webhookSecret: WEBHOOK_SECRET }),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    expect(
      await failure(admin().admin.gateway.setStripe({ secretKey: TEST_KEY, webhookSecret: "secret" })),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    const keyless = await consoleAs("admin@acme.test", null);
    expect(
      await failure(
        keyless().admin.gateway.setStripe({ secretKey: TEST_KEY, webhookSecret: WEBHOOK_SECRET }),
      ),
    ).toBe("INTERNAL_SERVER_ERROR ENCRYPTION_KEY_MISSING");
    expect((await acme()).gatewayConfig).toEqual(before);
  });

  it("keeps support users out and each merchant's settings its own", async () => {
    const support = await consoleAs("support@acme.test");
    expect(await failure(support().admin.gateway.get())).toBe("FORBIDDEN ROLE_NOT_ALLOWED");
    expect(await failure(support().admin.gateway.clear())).toBe("FORBIDDEN ROLE_NOT_ALLOWED");
    const beta = await consoleAs("admin@beta.test");
    expect(await beta().admin.gateway.get()).toMatchObject({
      gateway: "sandbox",
      stripe: { configured: false },
    });
  });

  it("stores credentials without switching when asked, and clears them back to the sandbox", async () => {
    const beta = await consoleAs("admin@beta.test");
    const stored = await beta().admin.gateway.setStripe({
      secretKey: TEST_KEY,
      webhookSecret: WEBHOOK_SECRET,
      activate: false,
    });
    expect(stored).toMatchObject({ gateway: "sandbox", stripe: { configured: true, keyLast4: "Wxyz" } });

    const admin = await consoleAs("admin@acme.test");
    expect(await admin().admin.gateway.clear()).toMatchObject({
      gateway: "sandbox",
      stripe: { configured: false, mode: null, keyLast4: null },
    });
    expect((await acme()).gatewayConfig).toBeNull();
    expect(await db.em().count(AuditEvent, { action: "Merchant.StripeCleared" })).toBe(1);
  });
});
