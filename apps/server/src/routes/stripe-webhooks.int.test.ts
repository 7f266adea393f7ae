import { SecretKeyring } from "@portico/auth";
import { createDraftInvoice, finalizeInvoice, sealStripeCredentials, SYSTEM_ACTOR } from "@portico/core";
import { stripeFixture } from "@portico/core/testing/stripe";
import {
  Customer,
  GatewayEvent,
  Invoice,
  Merchant,
  Payment,
  PaymentMethod,
  type IInvoice,
  type IPayment,
} from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { createHmac } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../test/build-test-app.js";

const SECRET_KEY = "sk_test_51PorticoWebhookRouteKey000000000";
const WEBHOOK_SECRET = "whsec_PorticoWebhookRouteSecret0000000";
const INTENT = "pi_3RpTf8KZ9xQy7wVb1k4LmNoP";

/** What Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the signing secret>`. */
function stripeSignature(body: string, secret: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

describe("POST /webhooks/stripe/:merchant", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const now = new Date("2026-05-01T10:05:00Z");
  const clock = { now: () => new Date(now) };
  const logLines: string[] = [];
  let merchant: string;
  let invoice: IInvoice;
  let payment: IPayment;

  const deliver = (body: string, signature: string | null, to = merchant) =>
    app.inject({
      method: "POST",
      url: `/webhooks/stripe/${to}`,
      headers: {
        "content-type": "application/json; charset=utf-8",
        ...(signature === null ? {} : { "stripe-signature": signature }),
      },
      payload: body,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);
    const em = db.em();
    const shop = em.create(Merchant, {
      slug: "hooks",
      name: "Hooks",
      gateway: "stripe",
      invoiceNumberPrefix: "HOOK",
    });
    em.create(Merchant, { slug: "no-stripe", name: "No Stripe" });
    await em.flush();
    shop.gatewayConfig = sealStripeCredentials(
      shop,
      { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
      keys,
    );
    const customer = em.create(Customer, {
      merchant: shop,
      name: "Globex",
      currency: "EUR",
      gatewayCustomerId: "cus_RpTcZ4k2mN8qLx",
    });
    const method = em.create(PaymentMethod, {
      merchant: shop,
      customer,
      gateway: "stripe",
      gatewayToken: "pm_1RpTd5KZ9xQy7wVbHq3LmN0p",
      type: "card",
      brand: "visa",
      last4: "3155",
      isDefault: true,
    });
    await em.flush();
    invoice = await em.transactional(async (tx) => {
      const draft = await createDraftInvoice(tx, clock, {
        customer,
        currency: "EUR",
        lines: [{ type: "one_off", description: "Consulting", amount: 2000 }],
        taxRate: null,
        subscriptionId: null,
      });
      await tx.flush();
      return finalizeInvoice(tx, clock, draft, { actor: SYSTEM_ACTOR });
    });
    // The charge Stripe answered `processing` for; its webhook settles it.
    payment = em.create(Payment, {
      merchant: shop,
      customer,
      invoice: em.getReference(Invoice, invoice.id),
      paymentMethod: method,
      amount: 2000,
      currency: "EUR",
      status: "processing",
      idempotencyKey: "pay-1",
      requestHash: "0".repeat(64),
      gateway: "stripe",
      gatewayReference: INTENT,
    });
    await em.flush();
    merchant = shop.publicId;

    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await buildTestApp(db.orm, { clock, logger: pino({ level: "debug" }, stream), secretKeys: keys });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const succeeded = JSON.stringify(stripeFixture("event-payment_intent.succeeded"), null, 2);

  it("refuses a tampered body (400) and changes nothing", async () => {
    const signature = stripeSignature(succeeded, WEBHOOK_SECRET, now);
    const tampered = succeeded.replace('"amount": 2000', '"amount": 1');
    expect(tampered).not.toBe(succeeded);
    const response = await deliver(tampered, signature);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: "STRIPE_SIGNATURE_INVALID" });
    expect(await deliver(succeeded, null).then((r) => r.statusCode)).toBe(400);
    expect(
      await deliver(succeeded, stripeSignature(succeeded, "whsec_NotTheMerchantsSecret000000", now)).then(
        (r) => r.statusCode,
      ),
    ).toBe(400);
    expect(await db.em().count(GatewayEvent, {})).toBe(0);
  });

  it("refuses a signature older than five minutes (400)", async () => {
    const stale = stripeSignature(succeeded, WEBHOOK_SECRET, new Date(now.getTime() - 301_000));
    const response = await deliver(succeeded, stale);
    expect(response.statusCode).toBe(400);
    expect(await db.em().count(GatewayEvent, {})).toBe(0);
  });

  it("answers 404 for an unknown merchant and for one with no signing secret", async () => {
    const signature = stripeSignature(succeeded, WEBHOOK_SECRET, now);
    expect((await deliver(succeeded, signature, "mer_doesnotexist0000000000")).statusCode).toBe(404);
    const other = await db.em().findOneOrFail(Merchant, { slug: "no-stripe" });
    const response = await deliver(succeeded, signature, other.publicId);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: "STRIPE_WEBHOOK_NOT_CONFIGURED" });
  });

  it("settles the payment on a correctly signed event, and acknowledges its replay without a second effect", async () => {
    const first = await deliver(succeeded, stripeSignature(succeeded, WEBHOOK_SECRET, now));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, outcome: "processed" });
    expect(await db.em().findOneOrFail(Payment, payment.id)).toMatchObject({ status: "succeeded" });
    expect(await db.em().findOneOrFail(Invoice, invoice.id)).toMatchObject({
      status: "paid",
      amountPaid: 2000,
    });

    const again = await deliver(
      succeeded,
      stripeSignature(succeeded, WEBHOOK_SECRET, new Date(now.getTime() + 1000)),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await db.em().count(GatewayEvent, {})).toBe(1);
    expect(await db.em().count(Payment, { invoice: invoice.id, status: "succeeded" })).toBe(1);
  });

  it("acknowledges event types it does not act on with 200", async () => {
    const body = JSON.stringify(stripeFixture("event-customer.updated"));
    const response = await deliver(body, stripeSignature(body, WEBHOOK_SECRET, now));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, outcome: "ignored" });
  });

  const GENERATED = new Set(["time", "pid", "responseTime", "reqId", "workerId"]);

  it("logs neither the merchant's Stripe secrets nor the payload's card details", async () => {
    const failed = JSON.stringify(stripeFixture("event-payment_intent.payment_failed"));
    expect((await deliver(failed, stripeSignature(failed, WEBHOOK_SECRET, now))).statusCode).toBe(200);
    // Numbers the logger makes up (times, durations, ids) may hold any digits, "3155" too:
    // they are left out; everything that came from the request or the merchant is searched.
    const logs = logLines
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((line) =>
        JSON.stringify(JSON.parse(line), (key, value) => (GENERATED.has(key) ? undefined : value)),
      )
      .join("\n");
    expect(logs).toContain("stripe webhook received");
    for (const secret of [SECRET_KEY, WEBHOOK_SECRET, "3155", "Xt5EWLLDS7FJjR1c", "Ada Lovelace"]) {
      expect(logs).not.toContain(secret);
    }
  });
});
