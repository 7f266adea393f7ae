import {
  Customer,
  GatewayEvent,
  Invoice,
  Merchant,
  Payment,
  PaymentMethod,
  Refund,
  Subscription,
  type ICustomer,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { payInvoice } from "./pay-invoice.js";
import { refundPayment } from "./refunds.js";
import { registerGateway } from "./registry.js";
import { sealStripeCredentials } from "./stripe-credentials.js";
import { handleStripeEvent } from "./stripe-events.js";
import { replayStripe, stripeFixture, type RecordedExchange } from "./stripe-fixtures/replay.js";
import { testSealer } from "./stripe-fixtures/test-sealer.js";
import { stripeGatewayFactory } from "./stripe-gateway.js";
import { createCustomer, createShop, manualClock, openInvoice, type Shop } from "./test/fixtures.js";

const PROCESSING_INTENT = "pi_3RpTf8KZ9xQy7wVb1k4LmNoP";

describe("handleStripeEvent", () => {
  let db: TestDatabase;
  let restore: (() => void) | null = null;
  const clock = manualClock("2026-05-01T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());
  afterEach(() => {
    restore?.();
    restore = null;
  });

  function stripeAnswers(exchanges: RecordedExchange[]) {
    const replay = replayStripe(exchanges);
    restore?.();
    restore = registerGateway(
      "stripe",
      stripeGatewayFactory({ secrets: testSealer, fetch: replay.fetch, maxNetworkRetries: 0 }),
    );
    return replay;
  }

  /** A Stripe merchant and a customer whose card SetupIntents saved earlier. */
  async function stripeCustomer(): Promise<{ shop: Shop; customer: ICustomer }> {
    const shop = await createShop(db, "HOOK");
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, shop.merchantId);
    merchant.gateway = "stripe";
    merchant.gatewayConfig = sealStripeCredentials(
      merchant,
      {
        secretKey: "sk_test_51PorticoEventsKey00000000000",
        webhookSecret: "whsec_PorticoEventsSecret0000000",
      },
      testSealer,
    );
    await em.flush();
    const customer = await createCustomer(db, shop, { gatewayCustomerId: "cus_RpTcZ4k2mN8qLx" });
    em.create(PaymentMethod, {
      merchant: shop.merchantId,
      customer: em.getReference(Customer, customer.id),
      gateway: "stripe",
      gatewayToken: "pm_1RpTd5KZ9xQy7wVbHq3LmN0p",
      type: "card",
      brand: "visa",
      last4: "3155",
      isDefault: true,
    });
    await em.flush();
    return { shop, customer };
  }

  /** A past-due subscription's open invoice, charged through Stripe, answered with `response`. */
  async function chargedInvoice(response: string) {
    const { shop, customer } = await stripeCustomer();
    const em = db.em();
    const now = clock.now();
    const subscription = em.create(Subscription, {
      merchant: shop.merchantId,
      customer: em.getReference(Customer, customer.id),
      status: "past_due",
      currency: "EUR",
      startedAt: now,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
      billingCycleAnchor: now,
    });
    await em.flush();
    const invoice = await openInvoice(db, clock, customer, 2000, { subscriptionId: subscription.id });
    subscription.latestInvoice = em.getReference(Invoice, invoice.id) as never;
    await em.flush();
    const replay = stripeAnswers([
      {
        method: "POST",
        path: "/v1/payment_intents",
        form: {
          amount: "2000",
          currency: "eur",
          customer: "cus_RpTcZ4k2mN8qLx",
          payment_method: "pm_1RpTd5KZ9xQy7wVbHq3LmN0p",
          off_session: "true",
          confirm: "true",
          description: /^Invoice HOOK-\d+$/,
          "metadata[portico_payment]": /^py_/,
        },
        response,
      },
    ]);
    const paid = await payInvoice(db.em(), clock, {
      invoice: invoice.publicId,
      idempotencyKey: `pay-${invoice.publicId}`,
      actor: shop.actor,
    });
    replay.assertDone();
    return { shop, invoice, subscription, payment: paid.payment! };
  }

  const event = (name: string, patch: Partial<Stripe.Event> = {}) =>
    ({ ...stripeFixture<Stripe.Event>(`event-${name}`), ...patch }) as Stripe.Event;

  it("settles a processing payment on payment_intent.succeeded, once: the invoice is paid and the subscription active", async () => {
    const { shop, invoice, subscription, payment } = await chargedInvoice("payment_intent-processing");
    expect(payment).toMatchObject({ status: "processing", gatewayReference: PROCESSING_INTENT });

    const succeeded = event("payment_intent.succeeded");
    expect(await handleStripeEvent(db.em(), clock, shop.merchantId, succeeded)).toBe("processed");
    expect(await db.em().findOneOrFail(Payment, payment.id)).toMatchObject({
      status: "succeeded",
      receiptNumber: "HOOK-RCPT-0001",
    });
    expect(await db.em().findOneOrFail(Invoice, invoice.id)).toMatchObject({
      status: "paid",
      amountPaid: 2000,
    });
    expect((await db.em().findOneOrFail(Subscription, subscription.id)).status).toBe("active");

    // Stripe delivers the same event again: acknowledged, nothing changes.
    clock.advance(60);
    expect(await handleStripeEvent(db.em(), clock, shop.merchantId, succeeded)).toBe("duplicate");
    const stored = await db.em().find(GatewayEvent, { eventId: succeeded.id });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ type: "payment_intent.succeeded", attempts: 1, lastError: null });
    expect(stored[0]!.processedAt).toBeInstanceOf(Date);
    expect(await db.em().count(Payment, { invoice: invoice.id, status: "succeeded" })).toBe(1);
  });

  it("fails a processing payment on payment_intent.payment_failed with Stripe's decline code, storing no card data", async () => {
    const { shop, invoice, payment } = await chargedInvoice("payment_intent-processing");
    const failed = event("payment_intent.payment_failed");
    expect(await handleStripeEvent(db.em(), clock, shop.merchantId, failed)).toBe("processed");
    expect(await db.em().findOneOrFail(Payment, payment.id)).toMatchObject({
      status: "failed",
      failureCode: "generic_decline",
      failureMessage: "Your card was declined.",
    });
    expect((await db.em().findOneOrFail(Invoice, invoice.id)).status).toBe("open");
    const stored = await db.em().findOneOrFail(GatewayEvent, { eventId: failed.id });
    const text = JSON.stringify(stored.payload);
    expect(text).toContain(PROCESSING_INTENT);
    for (const secret of ["3155", "Xt5EWLLDS7FJjR1c", "Ada Lovelace", "_secret_"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("ignores another merchant's event about this merchant's payment", async () => {
    const { payment } = await chargedInvoice("payment_intent-processing");
    const other = await createShop(db, "OTHR");
    const forged = event("payment_intent.succeeded", { id: "evt_1RpTz9KZ9xQy7wVbForged01" });
    expect(await handleStripeEvent(db.em(), clock, other.merchantId, forged)).toBe("ignored");
    expect((await db.em().findOneOrFail(Payment, payment.id)).status).toBe("processing");
  });

  it("completes a pending refund on refund.updated", async () => {
    const { shop, payment } = await chargedInvoice("payment_intent-succeeded");
    stripeAnswers([
      {
        method: "POST",
        path: "/v1/refunds",
        form: { payment_intent: "pi_3RpTe1KZ9xQy7wVb0f2GhIjK", amount: "500" },
        response: "refund-pending",
      },
    ]);
    const { refund } = await refundPayment(db.em(), clock, shop.actor, {
      payment: payment.publicId,
      amount: 500,
      idempotencyKey: "refund-pending-1",
    });
    expect(refund).toMatchObject({ status: "pending", gatewayReference: "re_3RpTe1KZ9xQy7wVb0d8IjKlM" });

    expect(await handleStripeEvent(db.em(), clock, shop.merchantId, event("refund.updated"))).toBe(
      "processed",
    );
    expect(await db.em().findOneOrFail(Refund, refund.id)).toMatchObject({ status: "succeeded" });
    expect(await db.em().findOneOrFail(Payment, payment.id)).toMatchObject({
      status: "partially_refunded",
      amountRefunded: 500,
    });
  });

  it("acknowledges event types Portico does not act on", async () => {
    const { shop } = await stripeCustomer();
    const ignored = event("customer.updated");
    expect(await handleStripeEvent(db.em(), clock, shop.merchantId, ignored)).toBe("ignored");
    expect(await handleStripeEvent(db.em(), clock, shop.merchantId, ignored)).toBe("duplicate");
  });
});
