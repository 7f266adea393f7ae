import { createOrmConfig, Invoice, Job, MikroORM, Payment } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, type Clock } from "../clock.js";
import { createMailer } from "../email/mailer.js";
import { coreJobHandlers } from "../jobs/core-handlers.js";
import { drainJobs, runDueJobs } from "../jobs/run.js";
import { payInvoice } from "../payments/pay-invoice.js";
import { CARDS, saveCard } from "../payments/test/fixtures.js";
import { createSubscription } from "../subscriptions/create.js";
import { SUBSCRIPTION_RENEW_JOB } from "../subscriptions/renew-job.js";
import { createCatalog, createCustomer, type Catalog } from "../subscriptions/test/fixtures.js";
import { INVOICE_CHARGE_JOB } from "./charge-job.js";
import { BILLING_SWEEP_JOB, enqueueBillingSweep, sweepBilling } from "./sweep.js";

const START = "2026-01-01T00:00:00Z";
const mailer = createMailer({ from: "Portico <no-reply@localhost>", log: () => {} });
const handlers = coreJobHandlers({ mailer });

/** `count` monthly subscriptions started at START, charged automatically to a 4242 card, first invoice paid. */
async function subscriptions(db: TestDatabase, catalog: Catalog, count: number): Promise<number[]> {
  const start = fixedClock(START);
  const shop = { merchantId: catalog.merchantId, actor: catalog.actor };
  const ids: number[] = [];
  for (let n = 0; n < count; n++) {
    const customer = await createCustomer(db, catalog.merchantId);
    await saveCard(db, start, shop, customer, CARDS.visa, { setDefault: true });
    const subscription = await createSubscription(db.em(), start, catalog.actor, {
      customer: customer.publicId,
      items: [{ price: catalog.prices.basic.publicId }],
      collectionMethod: "charge_automatically",
    });
    await payInvoice(db.em(), start, {
      invoice: subscription.latestInvoice!.getEntity().publicId,
      idempotencyKey: `first-${subscription.publicId}`,
      actor: shop.actor,
    });
    ids.push(subscription.id);
  }
  return ids;
}

/** Each subscription: its renewal invoices and their succeeded charges. */
async function renewalsOf(db: TestDatabase, ids: number[]) {
  const em = db.em();
  const result = [];
  for (const id of ids) {
    const invoices = await em.find(Invoice, { subscription: id, billingReason: "subscription_cycle" });
    let charges = 0;
    for (const invoice of invoices)
      charges += await em.count(Payment, { invoice: invoice.id, status: "succeeded" });
    result.push({ invoices: invoices.length, charges });
  }
  return result;
}

describe("the billing sweep", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("is queued once per interval, however many processes ask", async () => {
    const now = new Date("2026-02-01T00:00:10Z");
    expect(await enqueueBillingSweep(db.em(), now, 60_000)).toBe(true);
    expect(await enqueueBillingSweep(db.em(), new Date("2026-02-01T00:00:50Z"), 60_000)).toBe(false);
    expect(await enqueueBillingSweep(db.em(), new Date("2026-02-01T00:01:00Z"), 60_000)).toBe(true);
    expect(await db.em().count(Job, { name: BILLING_SWEEP_JOB })).toBe(2);
    await db.em().nativeDelete(Job, { name: BILLING_SWEEP_JOB });
  });

  it("renews and charges what is due through the queue, once however often it runs", async () => {
    const catalog = await createCatalog(db, "sweep-once");
    const ids = await subscriptions(db, catalog, 2);
    const clock = fixedClock("2026-02-01T00:00:30Z");
    await enqueueBillingSweep(db.em(), clock.now(), 60_000);
    await drainJobs(db.orm, { clock, handlers });
    await sweepBilling(db.em(), clock);
    await drainJobs(db.orm, { clock, handlers });
    expect(await renewalsOf(db, ids)).toEqual([
      { invoices: 1, charges: 1 },
      { invoices: 1, charges: 1 },
    ]);
    expect(await db.em().count(Job, { name: INVOICE_CHARGE_JOB, status: "completed" })).toBe(2);
  });

  it("queues again a renewal whose job failed for good, an hour later", async () => {
    const catalog = await createCatalog(db, "sweep-revive");
    const [id] = await subscriptions(db, catalog, 1);
    const at = new Date("2026-02-01T00:00:00Z");
    await sweepBilling(db.em(), fixedClock(at));
    const job = await db
      .em()
      .findOneOrFail(Job, { name: SUBSCRIPTION_RENEW_JOB, merchant: catalog.merchantId, status: "queued" });
    await db.em().nativeUpdate(Job, { id: job.id }, { status: "failed", attempts: 5, updatedAt: at });

    await sweepBilling(db.em(), fixedClock(new Date(at.getTime() + 30 * 60_000)));
    expect(await db.em().findOneOrFail(Job, job.id, { refresh: true })).toMatchObject({ status: "failed" });
    const later = fixedClock(new Date(at.getTime() + 61 * 60_000));
    await sweepBilling(db.em(), later);
    expect(await db.em().findOneOrFail(Job, job.id, { refresh: true })).toMatchObject({
      status: "queued",
      attempts: 0,
    });
    await drainJobs(db.orm, { clock: later, handlers });
    expect(await renewalsOf(db, [id!])).toEqual([{ invoices: 1, charges: 1 }]);
  });
});

// PGlite serves one connection at a time: only a real server shows processes racing.
describe.runIf(process.env.DATABASE_URL)("billing sweeps of two processes on one PostgreSQL server", () => {
  let db: TestDatabase;
  let other: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase();
    other = await MikroORM.init(createOrmConfig({ clientUrl: db.url, poolMax: 4 }));
  });
  afterAll(async () => {
    await other?.close(true);
    await db?.close();
  });

  it("never renew or charge twice", async () => {
    const catalog = await createCatalog(db, "sweep-race");
    const ids = await subscriptions(db, catalog, 12);
    const clock: Clock = fixedClock("2026-03-01T00:00:05Z");
    // Each process sweeps and works the queue, three times over, all at once.
    const process = async (orm: MikroORM, worker: string) => {
      for (let round = 0; round < 3; round++) {
        await sweepBilling(orm.em.fork(), clock);
        for (;;) {
          const run = await runDueJobs(orm, { clock, handlers, workerId: `${worker}-${round}`, limit: 2 });
          if (run.claimed === 0) break;
        }
      }
    };
    await Promise.all([
      process(db.orm, "a1"),
      process(db.orm, "a2"),
      process(other, "b1"),
      process(other, "b2"),
    ]);
    // Two periods were due (Feb 1 and Mar 1): caught up in one renewal each, charged once each.
    expect(await renewalsOf(db, ids)).toEqual(ids.map(() => ({ invoices: 2, charges: 2 })));
    expect(await db.em().count(Payment, { status: { $ne: "succeeded" } })).toBe(0);
    expect(await db.em().count(Job, { status: { $ne: "completed" } })).toBe(0);
  });
});
