import type { Clock } from "@portico/core";
import { WalletTransaction } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" };

describe("integration.credits", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let now = new Date("2026-05-01T10:00:00Z");
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
  });
  afterAll(() => db?.close());

  it("grants credits, shows the spendable balance and the ledger", async () => {
    const customer = (await a.api().integration.customers.create({ name: "Hooli" })).id;
    const gift = await a.api().integration.credits.grant({
      customer,
      amount: 1000,
      expiresAt: "2026-05-02T10:00:00Z",
      description: "Welcome gift",
    });
    expect(gift).toEqual({
      id: expect.stringMatching(/^wtx_/),
      wallet: expect.stringMatching(/^wlt_/),
      currency: "EUR",
      type: "grant",
      amount: 1000,
      balanceAfter: 1000,
      remainingAmount: 1000,
      expiresAt: "2026-05-02T10:00:00.000Z",
      invoice: null,
      payment: null,
      description: "Welcome gift",
      createdAt: now.toISOString(),
    });
    await a.api().integration.credits.grant({ customer, amount: 250 });
    expect(await a.api().integration.credits.balance({ customer })).toEqual([
      {
        id: gift.wallet,
        customer,
        currency: "EUR",
        balance: 1250,
        nextExpiry: { amount: 1000, at: "2026-05-02T10:00:00.000Z" },
      },
    ]);
    now = new Date("2026-05-03T10:00:00Z");
    expect((await a.api().integration.credits.balance({ customer }))[0]?.balance).toBe(250);
    const page = await a.api().integration.credits.transactions({ customer, limit: 1 });
    expect(page.data.map((t) => t.amount)).toEqual([250]);
    expect(page.hasMore).toBe(true);
    expect(
      await failure(
        a.api().integration.credits.grant({ customer, amount: 5, expiresAt: "2026-05-01T00:00:00Z" }),
      ),
    ).toBe("BAD_REQUEST INVALID_EXPIRY");
    expect(await failure(a.api().integration.credits.grant({ customer, amount: 0 }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
  });

  it("grants once per idempotency key", async () => {
    const customer = (await a.api().integration.customers.create({ name: "Pied Piper" })).id;
    const first = await a
      .api()
      .integration.credits.grant({ customer, amount: 300, idempotencyKey: "gift-1" });
    expect(
      await a.api().integration.credits.grant({ customer, amount: 300, idempotencyKey: "gift-1" }),
    ).toEqual(first);
    expect(
      await failure(a.api().integration.credits.grant({ customer, amount: 301, idempotencyKey: "gift-1" })),
    ).toBe("CONFLICT IDEMPOTENCY_KEY_REUSED");
    expect(await db.em().count(WalletTransaction, { customer: { publicId: customer } })).toBe(1);
  });

  it("tops up a wallet by card", async () => {
    const customer = (await a.api().integration.customers.create({ name: "Raviga" })).id;
    await a.api().integration.paymentMethods.add({ customer, card: VISA });
    const payment = await a
      .api()
      .integration.credits.topUp({ customer, amount: 5000, idempotencyKey: "top-up-1" });
    expect(payment).toMatchObject({
      purpose: "wallet_top_up",
      status: "succeeded",
      amount: 5000,
      invoice: null,
    });
    expect((await a.api().integration.credits.balance({ customer }))[0]?.balance).toBe(5000);
    const [entry] = (await a.api().integration.credits.transactions({ customer })).data;
    expect(entry).toMatchObject({ type: "top_up", amount: 5000, payment: payment.id });
  });

  it("never shows or credits another merchant's customers", async () => {
    const customer = (await a.api().integration.customers.create({ name: "Private" })).id;
    await a.api().integration.credits.grant({ customer, amount: 100 });
    const other = b.api().integration.credits;
    expect(await failure(other.grant({ customer, amount: 100 }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(other.balance({ customer }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(other.transactions({ customer }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(other.topUp({ customer, amount: 100, idempotencyKey: "x" }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    expect((await a.api().integration.credits.balance({ customer }))[0]?.balance).toBe(100);
  });
});
