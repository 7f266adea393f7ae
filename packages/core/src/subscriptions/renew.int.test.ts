import { Customer, Discount, Subscription, UsageAggregate } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { cancelSubscription } from "./cancel.js";
import { applyChange, clearScheduledChange } from "./change.js";
import { toSubscriptionDto } from "./dto.js";
import { getSubscription } from "./load.js";
import { dueRenewals, renewSubscription } from "./renew.js";
import { createCatalog, createCoupon, invoicesOf, subscribe, type Catalog } from "./test/fixtures.js";

describe("renewals", () => {
  let db: TestDatabase;
  let catalog: Catalog;

  beforeAll(async () => {
    db = await createTestDatabase();
    catalog = await createCatalog(db, "renewals");
  });
  afterAll(() => db?.close());

  const item = (key: keyof Catalog["prices"], quantity?: number) => ({
    price: catalog.prices[key].publicId,
    ...(quantity === undefined ? {} : { quantity }),
  });
  const renew = (id: string, at: string) => renewSubscription(db.em(), fixedClock(at), id);
  const periods = async (subscriptionId: number) =>
    (await invoicesOf(db.em(), subscriptionId)).map((invoice) => [
      invoice.periodStart?.toISOString().slice(0, 10),
      invoice.periodEnd?.toISOString().slice(0, 10),
      invoice.total,
    ]);

  it("rolls month ends from the anchor: Jan 31 → Feb 29 2028 → Mar 31 → Apr 30", async () => {
    const sub = await subscribe(db, catalog, "2028-01-31T09:30:00Z", { items: [item("basic")] });
    expect(sub.currentPeriodEnd).toEqual(new Date("2028-02-29T09:30:00Z"));
    await renew(sub.publicId, "2028-02-29T09:30:00Z");
    await renew(sub.publicId, "2028-03-31T09:30:00Z");
    expect(await periods(sub.id)).toEqual([
      ["2028-01-31", "2028-02-29", 1000],
      ["2028-02-29", "2028-03-31", 1000],
      ["2028-03-31", "2028-04-30", 1000],
    ]);
    const after = await db.em().findOneOrFail(Subscription, sub.id);
    expect(after.currentPeriodEnd).toEqual(new Date("2028-04-30T09:30:00Z"));
  });

  it("is idempotent: a second renewal for the same boundary, or one before it, does nothing", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
    expect((await renew(sub.publicId, "2026-04-30T23:59:59Z")).steps).toEqual([]);
    const first = await renew(sub.publicId, "2026-05-01T00:00:00Z");
    const second = await renew(sub.publicId, "2026-05-01T00:00:00Z");
    expect(first.steps.map((s) => s.kind)).toEqual(["renewed"]);
    expect(second.steps).toEqual([]);
    expect(await invoicesOf(db.em(), sub.id)).toHaveLength(2);
  });

  it.runIf(process.env.DATABASE_URL)("renews once when two renewals of one boundary race", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
    const results = await Promise.all([
      renew(sub.publicId, "2026-05-01T00:00:00Z"),
      renew(sub.publicId, "2026-05-01T00:00:00Z"),
    ]);
    expect(results.map((r) => r.steps.length).sort()).toEqual([0, 1]);
    expect(await invoicesOf(db.em(), sub.id)).toHaveLength(2);
  });

  it("catches up period by period after a jump over three boundaries", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("seat", 2)] });
    const result = await renew(sub.publicId, "2026-07-15T00:00:00Z");
    expect(result.steps.map((s) => [s.kind, s.at.toISOString().slice(0, 10)])).toEqual([
      ["renewed", "2026-05-01"],
      ["renewed", "2026-06-01"],
      ["renewed", "2026-07-01"],
    ]);
    // Billed by invoice: nothing for the payments code to charge.
    expect(result.toCharge).toEqual([]);
    const invoices = await invoicesOf(db.em(), sub.id);
    expect(invoices.map((i) => [i.issuedAt?.toISOString().slice(0, 10), i.total])).toEqual([
      ["2026-04-01", 2400],
      ["2026-05-01", 2400],
      ["2026-06-01", 2400],
      ["2026-07-01", 2400],
    ]);
    // Numbered in order, without gaps.
    const numbers = invoices.map((i) => Number(i.number?.split("-").at(-1)));
    expect(numbers.slice(1).map((n, i) => n - numbers[i]!)).toEqual([1, 1, 1]);
    expect(result.subscription.currentPeriodEnd).toEqual(new Date("2026-08-01T00:00:00Z"));
  });

  it("lists the due boundaries for the job runner", async () => {
    const sub = await subscribe(db, catalog, "2030-01-01T00:00:00Z", { items: [item("basic")] });
    const due = await dueRenewals(db.em(), new Date("2030-02-01T00:00:00Z"), 1000);
    expect(due.filter((d) => d.subscription === sub.publicId)).toEqual([
      { subscription: sub.publicId, merchantId: catalog.merchantId, dueAt: new Date("2030-02-01T00:00:00Z") },
    ]);
    const before = await dueRenewals(db.em(), new Date("2030-01-31T00:00:00Z"), 1000);
    expect(before.some((d) => d.subscription === sub.publicId)).toBe(false);
  });

  it("ends a trial with the first invoice for a full paid period", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
      items: [item("basic")],
      trialDays: 14,
      collectionMethod: "charge_automatically",
    });
    expect(sub).toMatchObject({
      status: "trialing",
      trialEnd: new Date("2026-04-15T00:00:00Z"),
      billingCycleAnchor: new Date("2026-04-15T00:00:00Z"),
      currentPeriodEnd: new Date("2026-04-15T00:00:00Z"),
    });
    expect(await invoicesOf(db.em(), sub.id)).toEqual([]);
    const result = await renew(sub.publicId, "2026-04-15T00:00:00Z");
    expect(result.subscription.status).toBe("active");
    expect(result.toCharge.map((i) => i.total)).toEqual([1000]);
    expect(await periods(sub.id)).toEqual([["2026-04-15", "2026-05-15", 1000]]);
  });

  it("cancels at the period's end with no invoice", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("pro")] });
    await cancelSubscription(db.em(), fixedClock("2026-04-10T00:00:00Z"), catalog.actor, {
      id: sub.publicId,
      at: "period_end",
    });
    const result = await renew(sub.publicId, "2026-05-01T00:00:00Z");
    expect(result.steps.map((s) => [s.kind, s.invoice])).toEqual([["canceled", null]]);
    expect(result.subscription).toMatchObject({
      status: "canceled",
      endedAt: new Date("2026-05-01T00:00:00Z"),
      canceledAt: new Date("2026-04-10T00:00:00Z"),
      cancellationReason: "cancellation_requested",
    });
    expect(await invoicesOf(db.em(), sub.id)).toHaveLength(1);
    expect((await renew(sub.publicId, "2026-06-01T00:00:00Z")).steps).toEqual([]);
  });

  it("applies a scheduled change at the renewal; a cleared one is not applied", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
    const clock = fixedClock("2026-04-10T00:00:00Z");
    const scheduled = await applyChange(db.em(), clock, catalog.actor, {
      id: sub.publicId,
      items: [item("pro")],
      effective: "period_end",
    });
    expect(scheduled.invoice).toBeNull();
    expect(toSubscriptionDto(scheduled.subscription).scheduledChange).toEqual({
      effectiveAt: "2026-05-01T00:00:00.000Z",
      items: [{ price: catalog.prices.pro.publicId, quantity: 1 }],
      prorationBehavior: "create_prorations",
    });
    await renew(sub.publicId, "2026-05-01T00:00:00Z");
    const after = await getSubscription(db.em(), catalog.actor, sub.publicId);
    expect(toSubscriptionDto(after)).toMatchObject({
      scheduledChange: null,
      items: [{ price: catalog.prices.pro.publicId, productName: "Pro" }],
    });
    expect((await periods(sub.id)).at(-1)).toEqual(["2026-05-01", "2026-06-01", 3000]);

    const other = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
    await applyChange(db.em(), clock, catalog.actor, {
      id: other.publicId,
      items: [item("pro")],
      effective: "period_end",
    });
    const cleared = await clearScheduledChange(db.em(), clock, catalog.actor, other.publicId);
    expect(cleared.scheduledChange).toBeNull();
    await renew(other.publicId, "2026-05-01T00:00:00Z");
    expect((await periods(other.id)).at(-1)).toEqual(["2026-05-01", "2026-06-01", 1000]);
  });

  it("a scheduled change to a yearly price resets the anchor at the renewal", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
    await applyChange(db.em(), fixedClock("2026-04-10T00:00:00Z"), catalog.actor, {
      id: sub.publicId,
      items: [item("proYearly")],
      effective: "period_end",
    });
    const result = await renew(sub.publicId, "2026-05-01T00:00:00Z");
    expect(result.subscription).toMatchObject({
      billingCycleAnchor: new Date("2026-05-01T00:00:00Z"),
      currentPeriodEnd: new Date("2027-05-01T00:00:00Z"),
    });
    expect((await periods(sub.id)).at(-1)).toEqual(["2026-05-01", "2027-05-01", 30000]);
  });

  it("bills metered usage of the ended period from its aggregate, with the seats in advance", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
      items: [item("seat", 3), item("apiCalls")],
    });
    // Nothing metered on the first invoice: usage is billed in arrears.
    expect(await periods(sub.id)).toEqual([["2026-04-01", "2026-05-01", 3600]]);
    const em = db.em();
    em.create(UsageAggregate, {
      merchant: catalog.merchantId,
      customer: sub.customer.id,
      meter: catalog.meterId,
      subscription: sub.id,
      granularity: "period",
      periodStart: new Date("2026-04-01T00:00:00Z"),
      periodEnd: new Date("2026-05-01T00:00:00Z"),
      value: 1234.5,
      eventCount: 40,
    });
    await em.flush();
    await renew(sub.publicId, "2026-05-01T00:00:00Z");
    const [, renewal] = await invoicesOf(db.em(), sub.id);
    // 3 seats × 1200 = 3600 for May; 1234.5 calls × 2 = 2469 for April.
    expect(
      renewal!.lines
        .getItems()
        .map((l) => [l.type, l.quantity, l.amount, l.periodStart?.toISOString().slice(0, 10)]),
    ).toEqual([
      ["subscription", 3, 3600, "2026-05-01"],
      ["usage", 1234.5, 2469, "2026-04-01"],
    ]);
    expect(renewal!.total).toBe(6069);
  });

  describe("coupons over several renewals", () => {
    async function discounts(couponFields: Parameters<typeof createCoupon>[2]) {
      const coupon = await createCoupon(db, catalog.merchantId, couponFields);
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
        items: [item("pro")],
        coupon: coupon.code,
      });
      await renew(sub.publicId, "2026-07-01T00:00:00Z");
      return (await invoicesOf(db.em(), sub.id)).map((i) => i.discountTotal);
    }

    it("once: only the first invoice", async () => {
      expect(await discounts({ percentOffBps: 5000, duration: "once" })).toEqual([1500, 0, 0, 0]);
    });

    it("repeating 2 months: the invoices of April and May", async () => {
      expect(await discounts({ percentOffBps: 1000, duration: "repeating", durationInMonths: 2 })).toEqual([
        300, 300, 0, 0,
      ]);
    });

    it("forever: every invoice, amount off in the subscription's currency", async () => {
      expect(await discounts({ amountOff: 500, amountOffCurrency: "EUR", duration: "forever" })).toEqual([
        500, 500, 500, 500,
      ]);
    });

    it("a once coupon survives a trial and applies to the first paid invoice", async () => {
      const coupon = await createCoupon(db, catalog.merchantId, { percentOffBps: 5000, duration: "once" });
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
        items: [item("pro")],
        coupon: coupon.code,
        trialDays: 7,
      });
      await renew(sub.publicId, "2026-05-09T00:00:00Z");
      expect((await invoicesOf(db.em(), sub.id)).map((i) => i.discountTotal)).toEqual([1500, 0]);
      const discount = await db.em().findOneOrFail(Discount, { subscription: sub.id });
      expect(discount.endsAt).toEqual(new Date("2026-04-08T00:00:00Z"));
    });
  });

  it("leaves the customer's credit balance to pay renewals", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("pro")] });
    await cancelSubscription(db.em(), fixedClock("2026-04-16T00:00:00Z"), catalog.actor, {
      id: sub.publicId,
      at: "now",
      prorate: true,
    });
    // −1500 credit; a new Basic subscription's first invoice (1000) is paid from it.
    const next = await subscribe(db, catalog, "2026-04-16T00:00:00Z", {
      customer: (await db.em().findOneOrFail(Customer, sub.customer.id)).publicId,
      items: [item("basic")],
      collectionMethod: "charge_automatically",
    });
    expect(next.status).toBe("active");
    const [first] = await invoicesOf(db.em(), next.id);
    expect(first).toMatchObject({
      status: "paid",
      amountDue: 0,
      startingBalance: -1500,
      endingBalance: -500,
    });
  });
});
