import {
  EmailMessage,
  Invoice,
  Job,
  Merchant,
  Payment,
  Subscription,
  WebhookDelivery,
  type DunningFinalAction,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../clock.js";
import type { MerchantActor } from "../common/actor.js";
import { createMailer } from "../email/mailer.js";
import { coreJobHandlers } from "../jobs/core-handlers.js";
import { drainJobs } from "../jobs/run.js";
import { setDefaultPaymentMethod } from "../payments/methods.js";
import { payInvoice } from "../payments/pay-invoice.js";
import { CARDS, saveCard } from "../payments/test/fixtures.js";
import { createSubscription } from "../subscriptions/create.js";
import { createCatalog, createCustomer, type Catalog } from "../subscriptions/test/fixtures.js";
import { createWebhookEndpoint } from "../webhooks/endpoints.js";
import { advanceTestClock, createTestClock, deleteTestClock, getTestClock } from "./clocks.js";

const START = "2026-01-01T00:00:00.000Z";
const RENEWAL = "2026-02-01T00:00:00.000Z";
const at = (iso: string) => new Date(iso);
const merchantActor = (catalog: Catalog): MerchantActor => ({
  merchantId: catalog.merchantId,
  type: "api_key",
  id: "key_tests",
});

describe("advancing a test clock", () => {
  let db: TestDatabase;
  const mailer = createMailer({ from: "Portico <no-reply@localhost>", log: () => {} });
  const handlers = coreJobHandlers({
    mailer,
    publicUrl: "https://billing.acme.test",
    webhooks: { allowInsecure: true, timeoutMs: 1000 },
  });
  let seq = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  /**
   * A sandbox merchant with a customer on a clock at START, a monthly 10.00 EUR subscription
   * charged automatically, its first invoice paid with a 4242 card; `card` is the customer's
   * default method from then on.
   */
  async function subscribedOnClock(card: "visa" | "declined", finalAction?: DunningFinalAction) {
    seq += 1;
    const catalog: Catalog = await createCatalog(db, `clock-${seq}`);
    const shop = { merchantId: catalog.merchantId, actor: catalog.actor };
    const actor = merchantActor(catalog);
    if (finalAction) {
      await db.em().nativeUpdate(Merchant, { id: catalog.merchantId }, { dunningFinalAction: finalAction });
    }
    await createWebhookEndpoint(
      db.em(),
      systemClock,
      actor,
      {
        url: "http://127.0.0.1:9/hooks",
        events: ["payment.failed", "subscription.updated", "subscription.canceled"],
      },
      { allowInsecure: true },
    );
    const customer = await createCustomer(db, catalog.merchantId, { email: `billing-${seq}@globex.test` });
    const start = fixedClock(START);
    const visa = await saveCard(db, start, shop, customer, CARDS.visa, { setDefault: card === "visa" });
    if (card === "declined") await saveCard(db, start, shop, customer, CARDS.declined, { setDefault: true });
    const clock = await createTestClock(db.em(), systemClock, actor, {
      name: "Dunning run",
      frozenTime: at(START),
      customer: customer.publicId,
    });
    // The customer is on the clock: the subscription starts at the clock's time, not now.
    const subscription = await createSubscription(db.em(), systemClock, catalog.actor, {
      customer: customer.publicId,
      items: [{ price: catalog.prices.basic.publicId }],
      collectionMethod: "charge_automatically",
    });
    expect(subscription).toMatchObject({ status: "incomplete", startedAt: at(START) });
    expect(subscription.testClock?.id).toBe(clock.id);
    const first = subscription.latestInvoice!.getEntity();
    await payInvoice(db.em(), start, {
      invoice: first.publicId,
      paymentMethod: visa.publicId,
      idempotencyKey: `first-${seq}`,
      actor: shop.actor,
    });
    return { catalog, actor, shop, customer, clock, subscription, first, visa };
  }

  /** Advances through the API's core call and lets the worker run the advance job. */
  async function advance(setup: Awaited<ReturnType<typeof subscribedOnClock>>, to: string) {
    const started = await advanceTestClock(db.em(), systemClock, setup.actor, {
      id: setup.clock.publicId,
      to: at(to),
    });
    expect(started.status).toBe("advancing");
    await drainJobs(db.orm, { clock: systemClock, handlers });
    const ready = await getTestClock(db.em(), setup.catalog.merchantId, setup.clock.publicId);
    expect(ready.status).toBe("ready");
    expect(ready.frozenTime).toEqual(at(to));
  }

  const cycleInvoices = (subscriptionId: number) =>
    db
      .em()
      .find(
        Invoice,
        { subscription: subscriptionId, billingReason: "subscription_cycle" },
        { orderBy: { id: "asc" } },
      );
  const paymentsOf = (invoiceId: number) =>
    db.em().find(Payment, { invoice: invoiceId }, { orderBy: { createdAt: "asc", id: "asc" } });
  const reload = (id: number) => db.em().findOneOrFail(Subscription, id, { refresh: true });

  it("runs three periods: three invoices, each charged once to the 4242 card", async () => {
    const setup = await subscribedOnClock("visa");
    await advance(setup, "2026-04-01T00:00:00.000Z");

    const invoices = await cycleInvoices(setup.subscription.id);
    expect(
      invoices.map((invoice) => [invoice.issuedAt?.toISOString(), invoice.status, invoice.total]),
    ).toEqual([
      ["2026-02-01T00:00:00.000Z", "paid", 1000],
      ["2026-03-01T00:00:00.000Z", "paid", 1000],
      ["2026-04-01T00:00:00.000Z", "paid", 1000],
    ]);
    for (const invoice of invoices) {
      const payments = await paymentsOf(invoice.id);
      expect(payments.map((p) => [p.status, p.amount, p.createdAt.toISOString()])).toEqual([
        ["succeeded", 1000, invoice.issuedAt?.toISOString()],
      ]);
      expect(payments[0]!.idempotencyKey).toBe(`auto-charge:${invoice.publicId}:1`);
    }
    expect(await reload(setup.subscription.id)).toMatchObject({
      status: "active",
      currentPeriodStart: at("2026-04-01T00:00:00Z"),
      currentPeriodEnd: at("2026-05-01T00:00:00Z"),
    });
    // Advancing again picks up where the clock is: one more period, one more charge.
    await advance(setup, "2026-05-01T00:00:00.000Z");
    expect(await cycleInvoices(setup.subscription.id)).toHaveLength(4);
    // The worker never touched the clock's jobs on its own time.
    expect(await db.em().count(Job, { testClock: setup.clock.id, status: { $ne: "completed" } })).toBe(0);
  });

  async function dunningRun(finalAction: DunningFinalAction) {
    const setup = await subscribedOnClock("declined", finalAction);
    await advance(setup, "2026-02-01T01:00:00.000Z");
    const [invoice] = await cycleInvoices(setup.subscription.id);
    expect(invoice).toMatchObject({
      status: "open",
      attemptCount: 1,
      nextPaymentAttemptAt: at("2026-02-02T00:00:00Z"),
    });
    expect((await reload(setup.subscription.id)).status).toBe("past_due");

    await advance(setup, "2026-02-10T00:00:00.000Z");
    const attempts = await paymentsOf(invoice!.id);
    expect(attempts.map((p) => [p.status, p.failureCode, p.createdAt.toISOString()])).toEqual([
      ["failed", "card_declined", RENEWAL],
      ["failed", "card_declined", "2026-02-02T00:00:00.000Z"],
      ["failed", "card_declined", "2026-02-04T00:00:00.000Z"],
      ["failed", "card_declined", "2026-02-06T00:00:00.000Z"],
    ]);
    const emails = await db
      .em()
      .find(
        EmailMessage,
        { customer: setup.customer.id, template: "payment_failed" },
        { orderBy: { id: "asc" } },
      );
    expect(emails.map((email) => email.to)).toEqual(Array(4).fill(setup.customer.email));
    expect(emails[0]!.text).toContain("https://billing.acme.test/portal/invoices");
    expect(emails[0]!.text).toContain("Feb 2, 2026");
    expect(emails[3]!.text).toContain("last automatic attempt");
    const events = await db
      .em()
      .find(WebhookDelivery, { merchant: setup.catalog.merchantId }, { orderBy: { id: "asc" } });
    return { setup, invoice: invoice!, events: events.map((event) => event.eventType) };
  }

  it("dunning retries +1, +3 and +5 days after the first failure, then cancels", async () => {
    const { setup, invoice, events } = await dunningRun("cancel");
    expect(await reload(setup.subscription.id)).toMatchObject({
      status: "canceled",
      cancellationReason: "payment_failed",
      canceledAt: at("2026-02-06T00:00:00Z"),
    });
    expect(await db.em().findOneOrFail(Invoice, invoice.id, { refresh: true })).toMatchObject({
      status: "open",
      attemptCount: 4,
      nextPaymentAttemptAt: null,
    });
    expect(events).toEqual([
      // Activated by the first payment, then renewed into February: both are updates.
      "subscription.updated",
      "subscription.updated",
      "payment.failed",
      "subscription.updated",
      "payment.failed",
      "payment.failed",
      "payment.failed",
      "subscription.canceled",
    ]);
  });

  it("dunning ends with the invoice uncollectible when the merchant says so", async () => {
    const { setup, invoice, events } = await dunningRun("mark_uncollectible");
    expect((await reload(setup.subscription.id)).status).toBe("past_due");
    expect(await db.em().findOneOrFail(Invoice, invoice.id, { refresh: true })).toMatchObject({
      status: "uncollectible",
      nextPaymentAttemptAt: null,
    });
    expect(events.filter((type) => type === "payment.failed")).toHaveLength(4);
    expect(events).not.toContain("subscription.canceled");
  });

  it("a new card during dunning: the next retry succeeds and the subscription is active again", async () => {
    const setup = await subscribedOnClock("declined");
    await advance(setup, "2026-02-01T12:00:00.000Z");
    expect((await reload(setup.subscription.id)).status).toBe("past_due");
    await setDefaultPaymentMethod(
      db.em(),
      fixedClock("2026-02-01T12:00:00Z"),
      setup.shop.actor,
      setup.visa.publicId,
    );

    await advance(setup, "2026-02-03T00:00:00.000Z");
    const [invoice] = await cycleInvoices(setup.subscription.id);
    expect(invoice).toMatchObject({
      status: "paid",
      nextPaymentAttemptAt: null,
      paidAt: at("2026-02-02T00:00:00Z"),
    });
    expect((await paymentsOf(invoice!.id)).map((p) => p.status)).toEqual(["failed", "succeeded"]);
    expect((await reload(setup.subscription.id)).status).toBe("active");
  });

  it("refuses to go backwards, too far, or twice at once, and deletes a clock with its subscriptions ended", async () => {
    const setup = await subscribedOnClock("visa");
    const { actor } = setup;
    const id = setup.clock.publicId;
    await expect(advanceTestClock(db.em(), systemClock, actor, { id, to: at(START) })).rejects.toMatchObject({
      reason: "ADVANCE_NOT_FORWARD",
    });
    await expect(
      advanceTestClock(db.em(), systemClock, actor, { id, to: at("2028-06-01T00:00:00Z") }),
    ).rejects.toMatchObject({ reason: "ADVANCE_TOO_FAR" });
    await advanceTestClock(db.em(), systemClock, actor, { id, to: at("2026-01-15T00:00:00Z") });
    await expect(
      advanceTestClock(db.em(), systemClock, actor, { id, to: at("2026-01-20T00:00:00Z") }),
    ).rejects.toMatchObject({ reason: "TEST_CLOCK_ADVANCING" });
    await expect(deleteTestClock(db.em(), systemClock, actor, id)).rejects.toMatchObject({
      reason: "TEST_CLOCK_ADVANCING",
    });
    await drainJobs(db.orm, { clock: systemClock, handlers });

    await deleteTestClock(db.em(), systemClock, actor, id);
    await expect(getTestClock(db.em(), setup.catalog.merchantId, id)).rejects.toMatchObject({
      reason: "TEST_CLOCK_NOT_FOUND",
    });
    expect(await reload(setup.subscription.id)).toMatchObject({
      status: "canceled",
      endedAt: at("2026-01-15T00:00:00Z"),
      testClock: null,
    });
  });

  it("is for sandbox merchants only", async () => {
    const catalog = await createCatalog(db, `live-${++seq}`);
    await db.em().nativeUpdate(Merchant, { id: catalog.merchantId }, { livemode: true });
    await expect(
      createTestClock(db.em(), systemClock, merchantActor(catalog), { name: "x", frozenTime: at(START) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", reason: "TEST_CLOCKS_SANDBOX_ONLY" });
  });
});
