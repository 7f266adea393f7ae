import type { Clock } from "@portico/core";
import { AuditEvent, Merchant, PaymentMethod } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const VISA = { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" };
const MASTERCARD = { ...VISA, number: "5555555555554444" };

describe("integration.paymentMethods", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  const clock: Clock = { now: () => new Date("2026-05-01T10:00:00Z") };

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
  });
  afterAll(() => db?.close());

  it("adds test cards (the first is the default), lists them, moves the default and removes one", async () => {
    const customer = await a.api().integration.customers.create({ name: "Northwind", externalId: "nw" });
    const visa = await a
      .api()
      .integration.paymentMethods.add({ customer: "nw", card: { ...VISA, holderName: "Ann" } });
    expect(visa).toEqual({
      id: expect.stringMatching(/^pm_[a-z2-7]{24}$/),
      customer: customer.id,
      type: "card",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      holderName: "Ann",
      country: "US",
      isDefault: true,
      metadata: {},
      createdAt: "2026-05-01T10:00:00.000Z",
    });
    const mastercard = await a
      .api()
      .integration.paymentMethods.add({ customer: customer.id, card: MASTERCARD });
    expect(mastercard.isDefault).toBe(false);
    expect(
      (await a.api().integration.paymentMethods.list({ customer: customer.id })).map((m) => [
        m.id,
        m.isDefault,
      ]),
    ).toEqual([
      [visa.id, true],
      [mastercard.id, false],
    ]);
    expect(
      await a.api().integration.paymentMethods.setDefault({ paymentMethod: mastercard.id }),
    ).toMatchObject({
      isDefault: true,
    });
    const removed = await a.api().integration.paymentMethods.remove({ paymentMethod: mastercard.id });
    expect(removed).toMatchObject({ id: mastercard.id, isDefault: false });
    expect(await a.api().integration.paymentMethods.list({ customer: customer.id })).toEqual([
      { ...visa, isDefault: true },
    ]);
    const events = await db.em().find(AuditEvent, { targetId: visa.id });
    expect(events.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ["PaymentMethod.Added", "api_key", a.apiKeyId],
    ]);
  });

  it("answers bad card details with a typed reason per field, and stores nothing", async () => {
    const customer = await a.api().integration.customers.create({ name: "Initech" });
    const add = (card: typeof VISA) =>
      failure(a.api().integration.paymentMethods.add({ customer: customer.id, card }));
    expect(await add({ ...VISA, number: "4242 4242 4242 4241" })).toBe("BAD_REQUEST INVALID_CARD_NUMBER");
    expect(await add({ ...VISA, number: "4111 1111 1111 1111" })).toBe("BAD_REQUEST TEST_CARD_REQUIRED");
    expect(await add({ ...VISA, expMonth: 1, expYear: 2026 })).toBe("BAD_REQUEST CARD_EXPIRED");
    expect(await add({ ...VISA, expMonth: 13 })).toBe("BAD_REQUEST INVALID_CARD_EXPIRY");
    expect(await add({ ...VISA, cvc: "1" })).toBe("BAD_REQUEST INVALID_CARD_CVC");
    expect(await add({ ...VISA, number: "4".repeat(40) })).toBe("BAD_REQUEST INVALID_INPUT");
    expect(
      await failure(
        a.api().integration.paymentMethods.add({
          customer: customer.id,
          card: VISA,
          setupIntent: "seti_1",
        } as never),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    expect(
      await failure(
        a.api().integration.paymentMethods.add({ customer: customer.id, setupIntent: "seti_123" }),
      ),
    ).toBe("BAD_REQUEST METHOD_SOURCE_UNSUPPORTED");
    expect(await db.em().count(PaymentMethod, { customer: { publicId: customer.id } })).toBe(0);
  });

  it("takes card details from sandbox merchants only", async () => {
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, b.merchantId);
    merchant.gateway = "stripe";
    await em.flush();
    const customer = await b.api().integration.customers.create({ name: "Live Co" });
    expect(await failure(b.api().integration.paymentMethods.add({ customer: customer.id, card: VISA }))).toBe(
      "BAD_REQUEST TEST_CARDS_SANDBOX_ONLY",
    );
    merchant.gateway = "sandbox";
    await em.flush();
  });

  it("keeps the last method of a customer whose subscription charges it, through the API's error", async () => {
    const customer = await a.api().integration.customers.create({ name: "Subscriber" });
    const card = await a.api().integration.paymentMethods.add({ customer: customer.id, card: VISA });
    await db.em().execute(
      `insert into "subscription" ("public_id", "merchant_id", "customer_id", "status", "currency", "started_at",
         "current_period_start", "current_period_end", "billing_cycle_anchor")
       select 'sub_pmtestabcdefghijklmnopqr', "merchant_id", "id", 'active', 'EUR', now(), now(), now() + interval '30 days', now()
       from "customer" where "public_id" = ?`,
      [customer.id],
    );
    expect(await failure(a.api().integration.paymentMethods.remove({ paymentMethod: card.id }))).toBe(
      "CONFLICT PAYMENT_METHOD_REQUIRED",
    );
  });

  it("never shows or touches another merchant's methods", async () => {
    const customer = await a.api().integration.customers.create({ name: "Private" });
    const card = await a.api().integration.paymentMethods.add({ customer: customer.id, card: VISA });
    expect(await failure(b.api().integration.paymentMethods.list({ customer: customer.id }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    expect(
      await failure(b.api().integration.paymentMethods.add({ customer: customer.id, card: MASTERCARD })),
    ).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(b.api().integration.paymentMethods.setDefault({ paymentMethod: card.id }))).toBe(
      "NOT_FOUND PAYMENT_METHOD_NOT_FOUND",
    );
    expect(await failure(b.api().integration.paymentMethods.remove({ paymentMethod: card.id }))).toBe(
      "NOT_FOUND PAYMENT_METHOD_NOT_FOUND",
    );
    expect(
      (await a.api().integration.paymentMethods.list({ customer: customer.id })).map((m) => m.id),
    ).toEqual([card.id]);
  });
});
