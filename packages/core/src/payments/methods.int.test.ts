import {
  AuditEvent,
  PaymentMethod,
  Subscription,
  type ICustomer,
  type SubscriptionStatus,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import {
  addPaymentMethod,
  listPaymentMethods,
  removePaymentMethod,
  setDefaultPaymentMethod,
} from "./methods.js";
import { CARDS, createCustomer, createShop, saveCard, type Shop } from "./test/fixtures.js";

const clock = fixedClock("2026-05-01T10:00:00Z");

describe("payment methods", () => {
  let db: TestDatabase;
  let shop: Shop;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db);
  });
  afterAll(() => db?.close());

  const defaults = async (customer: ICustomer) =>
    (await db.em().find(PaymentMethod, { customer: customer.id, isDefault: true, detachedAt: null })).map(
      (m) => m.publicId,
    );

  async function subscription(
    customer: ICustomer,
    status: SubscriptionStatus,
    collection = "charge_automatically",
  ) {
    const em = db.em();
    const now = clock.now();
    em.create(Subscription, {
      merchant: shop.merchantId,
      customer,
      status,
      currency: "EUR",
      startedAt: now,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
      billingCycleAnchor: now,
      collectionMethod: collection as "charge_automatically" | "send_invoice",
    });
    await em.flush();
  }

  it("makes the first method the default, keeps it on later ones unless asked, and lists default first", async () => {
    const customer = await createCustomer(db, shop);
    const visa = await saveCard(db, clock, shop, customer, CARDS.visa);
    expect(visa).toMatchObject({
      isDefault: true,
      brand: "visa",
      last4: "4242",
      gateway: "sandbox",
      type: "card",
    });
    expect(visa.gatewayToken).toMatch(/^pm_sandbox_/);
    const mastercard = await saveCard(db, clock, shop, customer, CARDS.mastercard);
    expect(mastercard.isDefault).toBe(false);
    const amex = await saveCard(db, clock, shop, customer, CARDS.amex, { setDefault: true });
    expect(amex.isDefault).toBe(true);
    expect(await defaults(customer)).toEqual([amex.publicId]);
    const listed = await listPaymentMethods(db.em(), shop.actor, customer.publicId);
    expect(listed.map((m) => m.publicId)).toEqual([amex.publicId, mastercard.publicId, visa.publicId]);
  });

  it("detects the same card saved twice by its fingerprint", async () => {
    const customer = await createCustomer(db, shop);
    const first = await saveCard(db, clock, shop, customer, CARDS.visa);
    await expect(saveCard(db, clock, shop, customer, "4242-4242-4242-4242")).rejects.toMatchObject({
      code: "CONFLICT",
      reason: "PAYMENT_METHOD_ALREADY_SAVED",
      details: { paymentMethod: first.publicId },
    });
    expect(await db.em().count(PaymentMethod, { customer: customer.id })).toBe(1);
  });

  it("refuses bad card details with typed reasons and stores nothing", async () => {
    const customer = await createCustomer(db, shop);
    const add = (number: string, cvc = "123", expYear = 2030) =>
      addPaymentMethod(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        source: { type: "test_card", number, expMonth: 1, expYear, cvc },
      }).catch((error: { reason: string }) => error.reason);
    expect(await add("4242 4242 4242 4243")).toBe("INVALID_CARD_NUMBER");
    expect(await add("4111 1111 1111 1111")).toBe("TEST_CARD_REQUIRED");
    expect(await add(CARDS.visa, "12")).toBe("INVALID_CARD_CVC");
    expect(await add(CARDS.visa, "123", 2026)).toBe("CARD_EXPIRED");
    expect(await db.em().count(PaymentMethod, { customer: customer.id })).toBe(0);
    expect(await db.em().count(AuditEvent, { customer: customer.id })).toBe(0);
  });

  it("moves the default atomically and keeps exactly one", async () => {
    const customer = await createCustomer(db, shop);
    const a = await saveCard(db, clock, shop, customer, CARDS.visa);
    const b = await saveCard(db, clock, shop, customer, CARDS.mastercard);
    const c = await saveCard(db, clock, shop, customer, CARDS.amex);
    for (const next of [b, c, a, c]) {
      const method = await setDefaultPaymentMethod(db.em(), clock, shop.actor, next.publicId);
      expect(method.isDefault).toBe(true);
      expect(await defaults(customer)).toEqual([next.publicId]);
    }
    await expect(setDefaultPaymentMethod(db.em(), clock, shop.actor, "pm_unknown")).rejects.toMatchObject({
      reason: "PAYMENT_METHOD_NOT_FOUND",
    });
  });

  it.runIf(process.env.DATABASE_URL)("keeps one default under 12 concurrent changes", async () => {
    const customer = await createCustomer(db, shop);
    const methods = [
      await saveCard(db, clock, shop, customer, CARDS.visa),
      await saveCard(db, clock, shop, customer, CARDS.mastercard),
      await saveCard(db, clock, shop, customer, CARDS.amex),
    ];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        setDefaultPaymentMethod(db.em(), clock, shop.actor, methods[i % 3]!.publicId),
      ),
    );
    expect(await defaults(customer)).toHaveLength(1);
  });

  it("promotes the most recent other method when the default is removed", async () => {
    const customer = await createCustomer(db, shop);
    const a = await saveCard(db, clock, shop, customer, CARDS.visa);
    const b = await saveCard(db, clock, shop, customer, CARDS.mastercard);
    const c = await saveCard(db, clock, shop, customer, CARDS.amex);
    await setDefaultPaymentMethod(db.em(), clock, shop.actor, a.publicId);
    const removed = await removePaymentMethod(db.em(), clock, shop.actor, a.publicId);
    expect(removed).toMatchObject({ isDefault: false, detachedAt: clock.now() });
    expect(await defaults(customer)).toEqual([c.publicId]);
    await removePaymentMethod(db.em(), clock, shop.actor, b.publicId);
    expect(await defaults(customer)).toEqual([c.publicId]);
    const listed = await listPaymentMethods(db.em(), shop.actor, customer.publicId);
    expect(listed.map((m) => m.publicId)).toEqual([c.publicId]);
    await expect(removePaymentMethod(db.em(), clock, shop.actor, a.publicId)).rejects.toMatchObject({
      reason: "PAYMENT_METHOD_NOT_FOUND",
    });
  });

  it("refuses to remove the last method while a subscription charges it automatically", async () => {
    for (const status of ["active", "trialing", "past_due"] as const) {
      const customer = await createCustomer(db, shop);
      const only = await saveCard(db, clock, shop, customer, CARDS.visa);
      await subscription(customer, status);
      await expect(removePaymentMethod(db.em(), clock, shop.actor, only.publicId)).rejects.toMatchObject({
        code: "CONFLICT",
        reason: "PAYMENT_METHOD_REQUIRED",
      });
      const other = await saveCard(db, clock, shop, customer, CARDS.mastercard);
      await removePaymentMethod(db.em(), clock, shop.actor, only.publicId);
      expect(await defaults(customer)).toEqual([other.publicId]);
    }
    const invoiced = await createCustomer(db, shop);
    await subscription(invoiced, "active", "send_invoice");
    await subscription(invoiced, "canceled");
    const card = await saveCard(db, clock, shop, invoiced, CARDS.visa);
    await removePaymentMethod(db.em(), clock, shop.actor, card.publicId);
    expect(await defaults(invoiced)).toEqual([]);
  });

  it("scopes every call to the merchant, and to the customer for a portal caller", async () => {
    const customer = await createCustomer(db, shop);
    const card = await saveCard(db, clock, shop, customer, CARDS.visa);
    const elsewhere = await createShop(db, "ELSE");
    await expect(listPaymentMethods(db.em(), elsewhere.actor, customer.publicId)).rejects.toMatchObject({
      reason: "CUSTOMER_NOT_FOUND",
    });
    await expect(
      setDefaultPaymentMethod(db.em(), clock, elsewhere.actor, card.publicId),
    ).rejects.toMatchObject({
      reason: "PAYMENT_METHOD_NOT_FOUND",
    });
    await expect(removePaymentMethod(db.em(), clock, elsewhere.actor, card.publicId)).rejects.toMatchObject({
      reason: "PAYMENT_METHOD_NOT_FOUND",
    });
    const neighbour = await createCustomer(db, shop);
    const portal = { ...shop.actor, type: "customer_user" as const, customerId: neighbour.id };
    await expect(removePaymentMethod(db.em(), clock, portal, card.publicId)).rejects.toMatchObject({
      reason: "PAYMENT_METHOD_NOT_FOUND",
    });
    await expect(listPaymentMethods(db.em(), portal, customer.publicId)).rejects.toMatchObject({
      reason: "CUSTOMER_NOT_FOUND",
    });
    expect(await defaults(customer)).toEqual([card.publicId]);
  });

  it("audits every change without card data", async () => {
    const customer = await createCustomer(db, shop);
    const a = await saveCard(db, clock, shop, customer, CARDS.visa);
    const b = await saveCard(db, clock, shop, customer, CARDS.mastercard);
    await setDefaultPaymentMethod(db.em(), clock, shop.actor, b.publicId);
    await removePaymentMethod(db.em(), clock, shop.actor, a.publicId);
    const events = await db.em().find(AuditEvent, { customer: customer.id }, { orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.targetId, e.actorType, e.actorId])).toEqual([
      ["PaymentMethod.Added", a.publicId, "api_key", "key_tests"],
      ["PaymentMethod.Added", b.publicId, "api_key", "key_tests"],
      ["PaymentMethod.DefaultSet", b.publicId, "api_key", "key_tests"],
      ["PaymentMethod.Removed", a.publicId, "api_key", "key_tests"],
    ]);
    const text = JSON.stringify(events.map((e) => e.data));
    expect(text).not.toMatch(/4242|5555|pm_sandbox/);
  });
});
