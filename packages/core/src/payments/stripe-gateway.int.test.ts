import { Customer, Invoice, Merchant, Payment, PaymentMethod, type ICustomer } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gatewayKeyOf } from "./charge.js";
import { addPaymentMethod, removePaymentMethod } from "./methods.js";
import { payInvoice } from "./pay-invoice.js";
import { refundPayment } from "./refunds.js";
import { registerGateway } from "./registry.js";
import { refreshPayment } from "./settle.js";
import {
  replayStripe,
  stripeFixture,
  type RecordedExchange,
  type StripeReplay,
} from "./stripe-fixtures/replay.js";
import { testSealer } from "./stripe-fixtures/test-sealer.js";
import { sealStripeCredentials } from "./stripe-credentials.js";
import { stripeGatewayFactory } from "./stripe-gateway.js";
import { createCustomer, createShop, manualClock, openInvoice, type Shop } from "./test/fixtures.js";

const SECRET_KEY = "sk_test_51PorticoReplayKey0000000000000000";
const WEBHOOK_SECRET = "whsec_PorticoReplaySigningSecret000000";
const STRIPE_CUSTOMER = "cus_RpTcZ4k2mN8qLx";
const STRIPE_METHOD = "pm_1RpTd5KZ9xQy7wVbHq3LmN0p";
const SETUP_INTENT = "seti_1RpTd2KZ9xQy7wVbS0aB1cDe";

describe("StripeGateway against recorded Stripe responses", () => {
  let db: TestDatabase;
  let replay: StripeReplay | null = null;
  let restore: (() => void) | null = null;
  const clock = manualClock("2026-05-01T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());
  afterEach(() => {
    restore?.();
    restore = null;
    replay = null;
  });

  /** Stripe answers exactly `exchanges`, in order, for this test. */
  function stripeAnswers(exchanges: RecordedExchange[]): StripeReplay {
    const current = replayStripe(exchanges, { secretKey: SECRET_KEY });
    restore?.();
    restore = registerGateway(
      "stripe",
      stripeGatewayFactory({ secrets: testSealer, fetch: current.fetch, maxNetworkRetries: 0 }),
    );
    replay = current;
    return current;
  }

  /** A merchant charging through Stripe with sealed credentials, and one customer of it. */
  async function stripeShop(fields: Partial<ICustomer> = {}): Promise<{ shop: Shop; customer: ICustomer }> {
    const shop = await createShop(db, "STRP");
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, shop.merchantId);
    merchant.gateway = "stripe";
    merchant.gatewayConfig = sealStripeCredentials(
      merchant,
      { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
      testSealer,
    );
    await em.flush();
    const customer = await createCustomer(db, shop, { email: "billing@globex.test", ...fields });
    return { shop, customer };
  }

  /** The customer's card as a SetupIntent saved it earlier (the Stripe customer exists). */
  async function savedCard(customer: ICustomer) {
    const em = db.em();
    const owner = await em.findOneOrFail(Customer, customer.id);
    owner.gatewayCustomerId = STRIPE_CUSTOMER;
    em.create(PaymentMethod, {
      merchant: owner.merchant.id,
      customer: owner,
      gateway: "stripe",
      gatewayToken: STRIPE_METHOD,
      type: "card",
      brand: "visa",
      last4: "3155",
      isDefault: true,
    });
    await em.flush();
  }

  const chargeRequest = (invoiceNumber: string, response: string, status = 200): RecordedExchange => ({
    method: "POST",
    path: "/v1/payment_intents",
    form: {
      amount: "2000",
      currency: "eur",
      customer: STRIPE_CUSTOMER,
      payment_method: STRIPE_METHOD,
      off_session: "true",
      confirm: "true",
      description: `Invoice ${invoiceNumber}`,
      "metadata[portico_payment]": /^py_/,
    },
    status,
    response,
  });

  async function pay(shop: Shop, customer: ICustomer, key: string) {
    const invoice = await openInvoice(db, clock, customer, 2000);
    return payInvoice(db.em(), clock, { invoice: invoice.publicId, idempotencyKey: key, actor: shop.actor });
  }

  it("saves a card from a succeeded SetupIntent, creating the Stripe customer once", async () => {
    const { shop, customer } = await stripeShop();
    const stripe = stripeAnswers([
      {
        method: "POST",
        path: "/v1/customers",
        form: {
          name: "Globex",
          email: "billing@globex.test",
          "metadata[portico_customer]": customer.publicId,
        },
        idempotencyKey: `portico_customer_${customer.publicId}`,
        response: "customer",
      },
      {
        method: "GET",
        path: `/v1/setup_intents/${SETUP_INTENT}?expand[0]=payment_method`,
        response: "setup_intent-succeeded",
      },
      // A SetupIntent the customer has not confirmed yet is refused; the customer is not made again.
      {
        method: "GET",
        path: "/v1/setup_intents/seti_1RpTj1KZ9xQy7wVbU4vW5xYz?expand[0]=payment_method",
        response: "setup_intent-requires_payment_method",
      },
      {
        method: "POST",
        path: `/v1/payment_methods/${STRIPE_METHOD}/detach`,
        response: "payment_method-detached",
      },
    ]);
    const method = await addPaymentMethod(db.em(), clock, shop.actor, {
      customer: customer.publicId,
      source: { type: "setup_intent", setupIntentId: SETUP_INTENT },
    });
    expect(method).toMatchObject({
      gateway: "stripe",
      gatewayToken: STRIPE_METHOD,
      type: "card",
      brand: "visa",
      last4: "3155",
      expMonth: 8,
      expYear: 2031,
      country: "FR",
      holderName: "Ada Lovelace",
      fingerprint: "Xt5EWLLDS7FJjR1c",
      isDefault: true,
    });
    expect((await db.em().findOneOrFail(Customer, customer.id)).gatewayCustomerId).toBe(STRIPE_CUSTOMER);

    await expect(
      addPaymentMethod(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        source: { type: "setup_intent", setupIntentId: "seti_1RpTj1KZ9xQy7wVbU4vW5xYz" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", reason: "SETUP_INTENT_NOT_SUCCEEDED" });

    await removePaymentMethod(db.em(), clock, shop.actor, method.publicId);
    stripe.assertDone();
  });

  it("refuses a SetupIntent made for another Stripe customer, and test cards", async () => {
    const { shop, customer } = await stripeShop();
    await savedCard(customer);
    const stolen = { ...stripeFixture("setup_intent-succeeded"), customer: "cus_SomeoneElse01" };
    const stripe = stripeAnswers([
      { method: "GET", path: `/v1/setup_intents/${SETUP_INTENT}?expand[0]=payment_method`, response: stolen },
    ]);
    await expect(
      addPaymentMethod(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        source: { type: "setup_intent", setupIntentId: SETUP_INTENT },
      }),
    ).rejects.toMatchObject({ reason: "SETUP_INTENT_CUSTOMER_MISMATCH" });
    await expect(
      addPaymentMethod(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        source: { type: "test_card", number: "4242424242424242", expMonth: 1, expYear: 2031, cvc: "123" },
      }),
    ).rejects.toMatchObject({ reason: "TEST_CARDS_SANDBOX_ONLY" });
    expect(await db.em().count(PaymentMethod, { customer: customer.id })).toBe(1);
    stripe.assertDone();
  });

  it("charges off-session with the payment's idempotency key; a succeeded PaymentIntent pays the invoice", async () => {
    const { shop, customer } = await stripeShop();
    await savedCard(customer);
    const invoiceNumber = "STRP-0001";
    const stripe = stripeAnswers([chargeRequest(invoiceNumber, "payment_intent-succeeded")]);
    const { invoice, payment } = await pay(shop, customer, "stripe-ok");
    expect(payment).toMatchObject({
      status: "succeeded",
      gateway: "stripe",
      gatewayReference: "pi_3RpTe1KZ9xQy7wVb0f2GhIjK",
      receiptNumber: "STRP-RCPT-0001",
    });
    expect(invoice).toMatchObject({ number: invoiceNumber, status: "paid", amountPaid: 2000 });
    const [sent] = stripe.requests;
    expect(sent?.idempotencyKey).toBe(gatewayKeyOf(payment!));
    expect(sent?.form["metadata[portico_payment]"]).toBe(payment!.publicId);
    stripe.assertDone();
  });

  it("records a declined card (HTTP 402) as a failed payment with Stripe's decline code", async () => {
    const { shop, customer } = await stripeShop();
    await savedCard(customer);
    const stripe = stripeAnswers([chargeRequest("STRP-0001", "error-card_declined", 402)]);
    const { invoice, payment } = await pay(shop, customer, "stripe-declined");
    expect(payment).toMatchObject({
      status: "failed",
      gatewayReference: "pi_3RpTh6KZ9xQy7wVb1w6XyZaB",
      failureCode: "insufficient_funds",
      failureMessage: "Your card has insufficient funds.",
      receiptNumber: null,
    });
    expect(invoice).toMatchObject({ status: "open", amountRemaining: 2000 });
    stripe.assertDone();
  });

  it("fails a charge that needs 3-D Secure as authentication_required, keeping what the customer must do", async () => {
    const { shop, customer } = await stripeShop();
    await savedCard(customer);
    const stripe = stripeAnswers([chargeRequest("STRP-0001", "payment_intent-requires_action")]);
    const { invoice, payment } = await pay(shop, customer, "stripe-3ds");
    expect(payment).toMatchObject({
      status: "failed",
      failureCode: "authentication_required",
      gatewayReference: "pi_3RpTg3KZ9xQy7wVb1q5RsTuV",
      nextAction: {
        type: "stripe_authentication",
        paymentIntent: "pi_3RpTg3KZ9xQy7wVb1q5RsTuV",
        clientSecret: "pi_3RpTg3KZ9xQy7wVb1q5RsTuV_secret_Qm4Zb8Xc2Vn6Lk0Jh9Gf7Ds5A",
        action: "use_stripe_sdk",
      },
    });
    expect(invoice.status).toBe("open");
    stripe.assertDone();
  });

  it("leaves a processing PaymentIntent processing, and settles it when Stripe reports success", async () => {
    const { shop, customer } = await stripeShop();
    await savedCard(customer);
    const succeeded = {
      ...stripeFixture("payment_intent-processing"),
      status: "succeeded",
      processing: null,
    };
    const stripe = stripeAnswers([
      chargeRequest("STRP-0001", "payment_intent-processing"),
      {
        method: "GET",
        path: "/v1/payment_intents/pi_3RpTf8KZ9xQy7wVb1k4LmNoP",
        response: "payment_intent-processing",
      },
      { method: "GET", path: "/v1/payment_intents/pi_3RpTf8KZ9xQy7wVb1k4LmNoP", response: succeeded },
    ]);
    const { invoice, payment } = await pay(shop, customer, "stripe-async");
    expect(payment).toMatchObject({ status: "processing", gatewayReference: "pi_3RpTf8KZ9xQy7wVb1k4LmNoP" });
    expect(invoice.status).toBe("open");
    expect((await refreshPayment(db.em(), clock, payment!.id)).status).toBe("processing");
    expect((await refreshPayment(db.em(), clock, payment!.id)).status).toBe("succeeded");
    expect(await db.em().findOneOrFail(Invoice, invoice.id)).toMatchObject({
      status: "paid",
      amountPaid: 2000,
    });
    stripe.assertDone();
  });

  it("refunds through Stripe with the refund's idempotency key", async () => {
    const { shop, customer } = await stripeShop();
    await savedCard(customer);
    stripeAnswers([chargeRequest("STRP-0001", "payment_intent-succeeded")]);
    const { payment } = await pay(shop, customer, "stripe-to-refund");
    replay!.assertDone();
    const stripe = stripeAnswers([
      {
        method: "POST",
        path: "/v1/refunds",
        form: {
          payment_intent: "pi_3RpTe1KZ9xQy7wVb0f2GhIjK",
          amount: "2000",
          reason: "requested_by_customer",
        },
        response: "refund-succeeded",
      },
    ]);
    const refunded = await refundPayment(db.em(), clock, shop.actor, {
      payment: payment!.publicId,
      reason: "requested_by_customer",
      idempotencyKey: "refund-stripe-1",
    });
    expect(refunded.refund).toMatchObject({
      status: "succeeded",
      amount: 2000,
      gatewayReference: "re_3RpTe1KZ9xQy7wVb0c7DeFgH",
    });
    expect(refunded.payment).toMatchObject({ status: "refunded", amountRefunded: 2000 });
    expect(stripe.requests[0]?.idempotencyKey).toBe(`portico_${refunded.refund.publicId}`);
    stripe.assertDone();
  });

  it("is not configured for a Stripe merchant without credentials", async () => {
    const { shop, customer } = await stripeShop();
    const em = db.em();
    (await em.findOneOrFail(Merchant, shop.merchantId)).gatewayConfig = null;
    await em.flush();
    const stripe = stripeAnswers([]);
    await expect(
      addPaymentMethod(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        source: { type: "setup_intent", setupIntentId: SETUP_INTENT },
      }),
    ).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "GATEWAY_NOT_CONFIGURED" });
    expect(await db.em().count(Payment, { merchant: shop.merchantId })).toBe(0);
    stripe.assertDone();
  });
});
