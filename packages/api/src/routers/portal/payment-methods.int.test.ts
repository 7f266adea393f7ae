import { SecretKeyring } from "@portico/auth";
import {
  fixedClock,
  registerGateway,
  sealStripeCredentials,
  stripeGatewayFactory,
  type StripeCredentials,
} from "@portico/core";
import { replayStripe, stripeFixture, type RecordedExchange } from "@portico/core/testing/stripe";
import { Customer, Merchant, PaymentMethod, type PortalFeatures } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { portalMerchant, type PortalMerchant } from "../../test/portal.js";

const clock = fixedClock(new Date("2026-03-10T12:00:00Z"));
const VISA = { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" };
const MASTERCARD = { ...VISA, number: "5555555555554444" };

describe("portal.paymentMethods", () => {
  let db: TestDatabase;
  let acme: PortalMerchant;
  let alpha: string;
  let beta: string;
  let betaCard: string;
  /** A configuration (`bpc_…`) that turns payment method changes off. */
  let readOnlyMethods: string;

  const integration = () => acme.integration();
  /** A browser that redeemed a portal link for `customer`. */
  const signedIn = async (customer: string, configuration?: string) =>
    (await acme.viaLink(customer, configuration)).paymentMethods;
  const withToken = async (
    customer: string,
    scopes: ("customer:read" | "payment_methods:read" | "payment_methods:write")[],
  ) => (await acme.withToken(customer, scopes)).paymentMethods;
  const attached = (customer: string) => integration().paymentMethods.list({ customer });

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", defaultCurrency: "EUR" });
    await em.flush();
    acme = await portalMerchant(db, { clock, merchantId: merchant.id });
    readOnlyMethods = await acme.configuration(
      { paymentMethodUpdate: { enabled: false } },
      "Read-only methods",
    );
    alpha = (await integration().customers.create({ name: "Alpha SAS", currency: "EUR" })).id;
    beta = (await integration().customers.create({ name: "Beta Ltd", currency: "EUR" })).id;
    betaCard = (await integration().paymentMethods.add({ customer: beta, card: VISA })).id;
  });
  afterAll(() => db?.close());

  it("adds test cards, lists them default first, moves the default and removes one", async () => {
    const methods = await signedIn(alpha);
    expect(await methods.list()).toEqual([]);
    const visa = await methods.add({ card: { ...VISA, holderName: "Ann Alpha" } });
    // Brand, last4 and expiry only: no holder, issuer country, metadata or customer.
    expect(visa).toEqual({
      id: expect.stringMatching(/^pm_[a-z2-7]{24}$/),
      type: "card",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      isDefault: true,
      createdAt: "2026-03-10T12:00:00.000Z",
    });
    const mastercard = await methods.add({ card: MASTERCARD });
    expect(mastercard).toMatchObject({ brand: "mastercard", last4: "4444", isDefault: false });
    expect((await methods.list()).map((m) => [m.id, m.isDefault])).toEqual([
      [visa.id, true],
      [mastercard.id, false],
    ]);

    expect(await methods.setDefault({ paymentMethod: mastercard.id })).toMatchObject({ isDefault: true });
    expect((await methods.list()).map((m) => [m.id, m.isDefault])).toEqual([
      [mastercard.id, true],
      [visa.id, false],
    ]);

    // Removing the default promotes the other method.
    expect(await methods.remove({ paymentMethod: mastercard.id })).toMatchObject({ id: mastercard.id });
    expect((await methods.list()).map((m) => [m.id, m.isDefault])).toEqual([[visa.id, true]]);
    const row = await db.em().findOneOrFail(PaymentMethod, { publicId: mastercard.id });
    expect(row.detachedAt).toEqual(clock.now());
  });

  it("keeps the last method while a subscription charges it", async () => {
    const methods = await signedIn(alpha);
    const [only] = await methods.list();
    const product = await integration().products.create({ name: "Basic" });
    const price = await integration().prices.create({
      product: product.id,
      currency: "EUR",
      type: "flat",
      interval: "month",
      unitAmount: 1000,
    });
    await integration().subscriptions.create({
      customer: alpha,
      items: [{ price: price.id, quantity: 1 }],
      trialDays: 14,
    });

    expect(await failure(methods.remove({ paymentMethod: only!.id }))).toBe(
      "CONFLICT PAYMENT_METHOD_REQUIRED",
    );
    expect((await methods.list()).map((m) => m.id)).toEqual([only!.id]);
  });

  it("answers NOT_FOUND for another customer's method and never lists it", async () => {
    const methods = await signedIn(alpha);
    expect(await failure(methods.setDefault({ paymentMethod: betaCard }))).toBe(
      "NOT_FOUND PAYMENT_METHOD_NOT_FOUND",
    );
    expect(await failure(methods.remove({ paymentMethod: betaCard }))).toBe(
      "NOT_FOUND PAYMENT_METHOD_NOT_FOUND",
    );
    expect((await methods.list()).map((m) => m.id)).not.toContain(betaCard);
    // Beta's card is untouched: still attached and still its default.
    expect((await attached(beta)).map((m) => [m.id, m.isDefault])).toEqual([[betaCard, true]]);
    // The customer comes from the session, never from the input.
    expect(await failure(methods.add({ card: MASTERCARD, customer: beta } as never))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await attached(beta)).toHaveLength(1);
  });

  it("refuses bad card data and changes nothing", async () => {
    const methods = await signedIn(beta);
    expect(await failure(methods.add({ card: { ...VISA, number: "4242 4242 4242 4241" } }))).toMatch(
      /^BAD_REQUEST /,
    );
    expect((await methods.list()).map((m) => m.id)).toEqual([betaCard]);
  });

  it("lets customer tokens read with payment_methods:read and write only with payment_methods:write", async () => {
    const reader = await withToken(beta, ["payment_methods:read"]);
    expect((await reader.list()).map((m) => m.id)).toEqual([betaCard]);
    expect(await failure(reader.add({ card: MASTERCARD }))).toBe("FORBIDDEN SCOPE_MISSING");
    expect(await failure(reader.remove({ paymentMethod: betaCard }))).toBe("FORBIDDEN SCOPE_MISSING");
    expect(await failure(reader.setDefault({ paymentMethod: betaCard }))).toBe("FORBIDDEN SCOPE_MISSING");
    expect((await attached(beta)).map((m) => m.id)).toEqual([betaCard]);

    const profileOnly = await withToken(beta, ["customer:read"]);
    expect(await failure(profileOnly.list())).toBe("FORBIDDEN SCOPE_MISSING");

    const writer = await withToken(beta, ["payment_methods:write"]);
    const added = await writer.add({ card: MASTERCARD, setDefault: true });
    expect(added).toMatchObject({ last4: "4444", isDefault: true });
    expect(await writer.remove({ paymentMethod: added.id })).toMatchObject({ id: added.id });
    expect((await writer.list()).map((m) => [m.id, m.isDefault])).toEqual([[betaCard, true]]);
  });

  it("refuses changes with FEATURE_DISABLED when the configuration turns them off, and still lists", async () => {
    const methods = await signedIn(beta, readOnlyMethods);
    expect((await methods.list()).map((m) => m.id)).toEqual([betaCard]);
    expect(await failure(methods.add({ card: MASTERCARD }))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(methods.setDefault({ paymentMethod: betaCard }))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(methods.remove({ paymentMethod: betaCard }))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect((await attached(beta)).map((m) => [m.id, m.isDefault])).toEqual([[betaCard, true]]);
  });
});

describe("portal.paymentMethods.setup", () => {
  let db: TestDatabase;
  const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);
  const STRIPE: StripeCredentials = {
    secretKey: "sk_test_51PorticoReplayKey0000000000000000",
    webhookSecret: "whsec_PorticoReplaySigningSecret000000",
    publishableKey: "pk_test_51PorticoReplayKey0000000000000000",
  };
  const STRIPE_CUSTOMER = "cus_RpTcZ4k2mN8qLx";
  const SETUP_INTENT = "seti_1RpTd2KZ9xQy7wVbS0aB1cDe";
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  /** Stripe answers exactly `exchanges`, in order, with the merchant's sealed key. */
  function stripeAnswers(exchanges: RecordedExchange[]) {
    const replay = replayStripe(exchanges, { secretKey: STRIPE.secretKey });
    restore?.();
    restore = registerGateway(
      "stripe",
      stripeGatewayFactory({ secrets: keys, fetch: replay.fetch, maxNetworkRetries: 0 }),
    );
    return replay;
  }

  /**
   * A merchant (sandbox, or Stripe with `credentials` sealed to it), a customer of it and
   * that customer's portal, on a configuration with `features` changed from the defaults.
   */
  async function merchantWithCustomer(
    slug: string,
    options: { credentials?: StripeCredentials; features?: Partial<PortalFeatures> } = {},
  ) {
    const em = db.em();
    const merchant = em.create(Merchant, { slug, name: slug, defaultCurrency: "EUR" });
    await em.flush();
    // Sealed to the merchant's public id, which the insert gives it.
    if (options.credentials) {
      merchant.gateway = "stripe";
      merchant.gatewayConfig = sealStripeCredentials(merchant, options.credentials, keys);
      await em.flush();
    }
    const shop = await portalMerchant(db, { clock, merchantId: merchant.id });
    const configuration = await shop.configuration(options.features ?? {}, "Portal");
    const customer = await shop.integration().customers.create({
      name: "Globex",
      email: "billing@globex.test",
      currency: "EUR",
    });
    return {
      customer: customer.id,
      methods: (await shop.viaLink(customer.id, configuration)).paymentMethods,
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("tells a sandbox merchant's portal to use the test-card form, without asking any gateway", async () => {
    const stripe = stripeAnswers([]);
    const { methods } = await merchantWithCustomer("sandbox-shop");
    expect(await methods.setup()).toEqual({ gateway: "sandbox" });
    stripe.assertDone();
  });

  it("makes the Stripe customer once and a SetupIntent per call for Stripe.js, then saves the confirmed card", async () => {
    const { customer, methods } = await merchantWithCustomer("stripe-shop", { credentials: STRIPE });
    const setupIntentRequest: RecordedExchange = {
      method: "POST",
      path: "/v1/setup_intents",
      form: {
        customer: STRIPE_CUSTOMER,
        "allowed_payment_method_types[0]": "card",
        usage: "off_session",
        "metadata[portico_customer]": customer,
      },
      response: "setup_intent-created",
    };
    const stripe = stripeAnswers([
      {
        method: "POST",
        path: "/v1/customers",
        form: { name: "Globex", email: "billing@globex.test", "metadata[portico_customer]": customer },
        idempotencyKey: `portico_customer_${customer}`,
        response: "customer",
      },
      setupIntentRequest,
      setupIntentRequest,
      {
        method: "GET",
        path: `/v1/setup_intents/${SETUP_INTENT}?expand[0]=payment_method`,
        response: "setup_intent-succeeded",
      },
    ]);
    const expected = {
      gateway: "stripe",
      publishableKey: STRIPE.publishableKey,
      clientSecret: stripeFixture<{ client_secret: string }>("setup_intent-created").client_secret,
    };
    expect(await methods.setup()).toEqual(expected);
    expect((await db.em().findOneOrFail(Customer, { publicId: customer })).gatewayCustomerId).toBe(
      STRIPE_CUSTOMER,
    );
    // Opening the form again makes a new SetupIntent for the same Stripe customer.
    expect(await methods.setup()).toEqual(expected);

    const saved = await methods.add({ setupIntent: SETUP_INTENT });
    expect(saved).toMatchObject({
      brand: "visa",
      last4: "3155",
      expMonth: 8,
      expYear: 2031,
      isDefault: true,
    });
    expect(await methods.list()).toEqual([saved]);
    stripe.assertDone();
  });

  it("refuses a SetupIntent Stripe made for another customer, and saves nothing", async () => {
    const { customer, methods } = await merchantWithCustomer("stripe-shop-2", { credentials: STRIPE });
    await db.em().nativeUpdate(Customer, { publicId: customer }, { gatewayCustomerId: STRIPE_CUSTOMER });
    const stolen = { ...stripeFixture("setup_intent-succeeded"), customer: "cus_SomeoneElse01" };
    const stripe = stripeAnswers([
      { method: "GET", path: `/v1/setup_intents/${SETUP_INTENT}?expand[0]=payment_method`, response: stolen },
    ]);
    expect(await failure(methods.add({ setupIntent: SETUP_INTENT }))).toBe(
      "BAD_REQUEST SETUP_INTENT_CUSTOMER_MISMATCH",
    );
    expect(await failure(methods.add({ setupIntent: "pi_123" } as never))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await methods.list()).toEqual([]);
    stripe.assertDone();
  });

  it("is SERVICE_UNAVAILABLE for a Stripe merchant without a publishable key, before any Stripe call", async () => {
    const { publishableKey: _none, ...withoutPublishableKey } = STRIPE;
    const { customer, methods } = await merchantWithCustomer("stripe-no-pk", {
      credentials: withoutPublishableKey,
    });
    const stripe = stripeAnswers([]);
    expect(await failure(methods.setup())).toBe("SERVICE_UNAVAILABLE GATEWAY_NOT_CONFIGURED");
    expect((await db.em().findOneOrFail(Customer, { publicId: customer })).gatewayCustomerId).toBeNull();
    stripe.assertDone();
  });

  it("is FEATURE_DISABLED when the configuration turns method changes off", async () => {
    const stripe = stripeAnswers([]);
    const { methods } = await merchantWithCustomer("stripe-read-only", {
      credentials: STRIPE,
      features: { paymentMethodUpdate: { enabled: false } },
    });
    expect(await failure(methods.setup())).toBe("FORBIDDEN FEATURE_DISABLED");
    stripe.assertDone();
  });
});
