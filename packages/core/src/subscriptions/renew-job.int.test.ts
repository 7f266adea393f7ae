import { Invoice, Job, Subscription } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { jobHandlers } from "../jobs/handlers.js";
import { drainJobs } from "../jobs/run.js";
import { enqueueDueRenewals, SUBSCRIPTION_RENEW_JOB, subscriptionRenewJob } from "./renew-job.js";
import { createCatalog, subscribe, type Catalog } from "./test/fixtures.js";

describe("subscription.renew job", () => {
  let db: TestDatabase;
  let catalog: Catalog;

  beforeAll(async () => {
    db = await createTestDatabase();
    catalog = await createCatalog(db, "renew-job");
  });
  afterAll(() => db?.close());

  it("enqueues each due renewal once and renews through the queue", async () => {
    const due = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
      items: [{ price: catalog.prices.basic.publicId }],
    });
    const later = await subscribe(db, catalog, "2026-04-20T00:00:00Z", {
      items: [{ price: catalog.prices.pro.publicId }],
    });
    const clock = fixedClock("2026-05-01T00:00:00Z");
    expect(await enqueueDueRenewals(db.em(), clock.now(), 100)).toBe(1);
    expect(await enqueueDueRenewals(db.em(), clock.now(), 100)).toBe(0);
    const [job] = await db.em().find(Job, { name: SUBSCRIPTION_RENEW_JOB });
    expect(job).toMatchObject({
      payload: { subscription: due.publicId },
      singletonKey: `renew:${due.publicId}:2026-05-01T00:00:00.000Z`,
    });

    const summary = await drainJobs(db.orm, { clock, handlers: jobHandlers(subscriptionRenewJob) });
    expect(summary).toMatchObject({ claimed: 1, completed: 1, failed: 0 });
    const em = db.em();
    expect(await em.count(Invoice, { subscription: due.id })).toBe(2);
    expect(await em.count(Invoice, { subscription: later.id })).toBe(1);
    expect((await em.findOneOrFail(Subscription, due.id)).currentPeriodEnd).toEqual(
      new Date("2026-06-01T00:00:00Z"),
    );
  });
});
