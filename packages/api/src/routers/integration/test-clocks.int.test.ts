import { coreJobHandlers, createMailer, drainJobs, systemClock, type Clock } from "@portico/core";
import { Payment } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" };

describe("integration.testClocks", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  const clock: Clock = systemClock;
  const handlers = coreJobHandlers({
    mailer: createMailer({ from: "Portico <no-reply@localhost>", log: () => {} }),
  });
  let basic: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
    const product = await a.api().integration.products.create({ name: "Basic" });
    basic = (
      await a.api().integration.prices.create({
        product: product.id,
        currency: "EUR",
        type: "flat",
        interval: "month",
        unitAmount: 1000,
      })
    ).id;
  });
  afterAll(() => db?.close());

  async function customerWithCard(name: string) {
    const customer = await a.api().integration.customers.create({ name, email: `${name}@globex.test` });
    await a.api().integration.paymentMethods.add({ customer: customer.id, card: VISA });
    return customer.id;
  }

  it("creates, lists, advances through renewals on the clock's time, and deletes a clock", async () => {
    const customer = await customerWithCard("clocked");
    const created = await a.api().integration.testClocks.create({
      name: "Renewals",
      frozenTime: "2026-01-31T00:00:00Z",
      customer,
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^clock_/),
      status: "ready",
      frozenTime: "2026-01-31T00:00:00.000Z",
      customer,
    });
    const subscription = await a.api().integration.subscriptions.create({
      customer,
      items: [{ price: basic }],
      collectionMethod: "charge_automatically",
      testClock: created.id,
    });
    expect(subscription.currentPeriodStart).toBe("2026-01-31T00:00:00.000Z");
    const [first] = (await a.api().integration.invoices.list({ customer })).data;
    await a.api().integration.invoices.pay({ invoice: first!.id, idempotencyKey: "first" });

    expect(
      await a.api().integration.testClocks.advance({ id: created.id, to: "2026-03-31T00:00:00Z" }),
    ).toMatchObject({
      status: "advancing",
    });
    await drainJobs(db.orm, { clock, handlers });
    expect(await a.api().integration.testClocks.get({ id: created.id })).toMatchObject({
      status: "ready",
      frozenTime: "2026-03-31T00:00:00.000Z",
    });
    const invoices = (await a.api().integration.invoices.list({ customer })).data;
    // Jan 31 → Feb 28 → Mar 31: two renewals, both charged.
    expect(invoices.map((invoice) => invoice.status)).toEqual(["paid", "paid", "paid"]);
    expect((await a.api().integration.subscriptions.get({ id: subscription.id })).currentPeriodEnd).toBe(
      "2026-04-30T00:00:00.000Z",
    );

    expect((await a.api().integration.testClocks.list({})).data.map((c) => c.id)).toContain(created.id);
    expect((await b.api().integration.testClocks.list({})).data).toEqual([]);
    expect(await failure(b.api().integration.testClocks.get({ id: created.id }))).toBe(
      "NOT_FOUND TEST_CLOCK_NOT_FOUND",
    );
    expect(await failure(b.api().integration.testClocks.delete({ id: created.id }))).toBe(
      "NOT_FOUND TEST_CLOCK_NOT_FOUND",
    );
    expect(await a.api().integration.testClocks.delete({ id: created.id })).toEqual({
      id: created.id,
      deleted: true,
    });
    expect((await a.api().integration.subscriptions.get({ id: subscription.id })).status).toBe("canceled");
  });

  it("rejects bad input and moving backwards without changing anything", async () => {
    const created = await a
      .api()
      .integration.testClocks.create({ name: "Edge", frozenTime: "2026-01-01T00:00:00Z" });
    expect(
      await failure(a.api().integration.testClocks.create({ name: "", frozenTime: "2026-01-01T00:00:00Z" })),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    expect(
      await failure(a.api().integration.testClocks.advance({ id: created.id, to: "2025-12-31T00:00:00Z" })),
    ).toBe("BAD_REQUEST ADVANCE_NOT_FORWARD");
    expect(
      await failure(a.api().integration.testClocks.advance({ id: created.id, to: "2029-01-01T00:00:00Z" })),
    ).toBe("BAD_REQUEST ADVANCE_TOO_FAR");
    expect(await a.api().integration.testClocks.get({ id: created.id })).toMatchObject({
      status: "ready",
      frozenTime: "2026-01-01T00:00:00.000Z",
    });
  });

  it("50 concurrent pay calls on one invoice make exactly one successful payment", async () => {
    const customer = await customerWithCard("racer");
    const subscription = await a.api().integration.subscriptions.create({
      customer,
      items: [{ price: basic }],
      collectionMethod: "charge_automatically",
    });
    const invoice = subscription.latestInvoice!;
    const calls = Array.from({ length: 50 }, (_, n) =>
      a
        .api()
        .integration.invoices.pay({ invoice, idempotencyKey: `race-${n}` })
        .then(
          () => "ok",
          (error: unknown) => {
            expect(error).toBeInstanceOf(TRPCError);
            return `${(error as TRPCError).code} ${(error as { cause?: { reason?: string } }).cause?.reason}`;
          },
        ),
    );
    const outcomes = await Promise.all(calls);
    const payments = await db.em().find(Payment, { invoice: { publicId: invoice } });
    expect(payments.filter((payment) => payment.status === "succeeded")).toHaveLength(1);
    expect(payments).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o !== "ok")) {
      expect([
        "CONFLICT PAYMENT_ALREADY_PROCESSED",
        "CONFLICT IDEMPOTENCY_IN_PROGRESS",
        "CONFLICT PAYMENT_IN_PROGRESS",
      ]).toContain(outcome);
    }
    expect((await a.api().integration.invoices.get({ invoice })).status).toBe("paid");
  });
});
