import {
  Customer,
  Merchant,
  Meter,
  Price,
  Product,
  Subscription,
  SubscriptionItem,
  UsageAggregate,
  UsageEvent,
  type EntityManager,
  type IMeter,
  type MeterAggregation,
  type PriceTier,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { AppError } from "../errors.js";
import { getCurrentUsage, usageForPeriod } from "./current-usage.js";
import type { UsageEventInput } from "./event-rules.js";
import { ingestUsage } from "./ingest.js";

// Monthly subscription anchored on the 15th: periods [Jan 15, Feb 15), [Feb 15, Mar 15).
const NOW = new Date("2026-03-01T12:00:00Z");
const clock = fixedClock(NOW);
const ANCHOR = new Date("2026-01-15T00:00:00Z");
const PERIOD = { start: new Date("2026-02-15T00:00:00Z"), end: new Date("2026-03-15T00:00:00Z") };
const PREVIOUS = { start: ANCHOR, end: PERIOD.start };
const at = (iso: string) => new Date(iso);

interface Fixture {
  merchantId: number;
  /** Subscribed to a metered price on every meter. */
  subscribed: { id: number; publicId: string; externalId: string };
  /** Same merchant, no subscription. */
  unsubscribed: { id: number; publicId: string };
  meters: Record<MeterAggregation, IMeter>;
}

/** Graduated: the first 10 units free, then 2 cents each. */
const SUM_TIERS: PriceTier[] = [
  { upTo: 10, unitAmount: 0, flatAmount: 0 },
  { upTo: null, unitAmount: 2, flatAmount: 0 },
];

async function createFixture(em: EntityManager, slug: string): Promise<Fixture> {
  const merchant = em.create(Merchant, { slug, name: slug });
  const product = em.create(Product, { merchant, name: "Platform" });
  const meter = (aggregation: MeterAggregation, eventName: string, valueProperty: string | null = null) =>
    em.create(Meter, { merchant, eventName, displayName: eventName, aggregation, valueProperty });
  const meters = {
    sum: meter("sum", "api_requests"),
    count: meter("count", "logins"),
    max: meter("max", "storage_gb"),
    unique_count: meter("unique_count", "active_users", "user"),
  };
  const subscribed = em.create(Customer, {
    merchant,
    name: "Sub",
    externalId: `${slug}_sub`,
    currency: "USD",
  });
  const unsubscribed = em.create(Customer, { merchant, name: "None", currency: "USD" });
  const subscription = em.create(Subscription, {
    merchant,
    customer: subscribed,
    status: "active",
    currency: "USD",
    startedAt: ANCHOR,
    billingCycleAnchor: ANCHOR,
    currentPeriodStart: PERIOD.start,
    currentPeriodEnd: PERIOD.end,
  });
  for (const [aggregation, m] of Object.entries(meters)) {
    const price = em.create(Price, {
      merchant,
      product,
      currency: "USD",
      type: "metered",
      interval: "month",
      meter: m,
      ...(aggregation === "sum"
        ? { unitAmount: null, tiersMode: "graduated" as const, tiers: SUM_TIERS }
        : { unitAmount: 100 }),
    });
    em.create(SubscriptionItem, { merchant, subscription, price });
  }
  await em.flush();
  return {
    merchantId: merchant.id,
    subscribed: { id: subscribed.id, publicId: subscribed.publicId, externalId: `${slug}_sub` },
    unsubscribed: { id: unsubscribed.id, publicId: unsubscribed.publicId },
    meters,
  };
}

describe("usage ingestion and aggregates", () => {
  let db: TestDatabase;
  let a: Fixture;
  let b: Fixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createFixture(db.em(), "alpha");
    b = await createFixture(db.em(), "beta");
  });
  afterAll(() => db?.close());

  const ingest = (events: UsageEventInput[], fixture = a, c = clock) =>
    ingestUsage(db.em(), c, fixture.merchantId, events);

  /** The aggregate row of a bucket, or null. */
  async function bucket(
    meter: IMeter,
    granularity: "day" | "period",
    periodStart: Date,
    customerId = a.subscribed.id,
  ) {
    const row = await db
      .em()
      .findOne(UsageAggregate, { customer: customerId, meter, granularity, periodStart });
    return row
      ? {
          value: row.value,
          eventCount: row.eventCount,
          uniqueValues: row.uniqueValues ?? null,
          periodEnd: row.periodEnd.toISOString(),
          subscription: row.subscription?.id ?? null,
        }
      : null;
  }
  const storedKeys = async (keys: string[]) =>
    db.em().count(UsageEvent, { merchant: a.merchantId, idempotencyKey: { $in: keys } });

  async function failure(promise: Promise<unknown>) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it("counts an event id once: repeated in a batch, or sent again", async () => {
    const events: UsageEventInput[] = [
      {
        id: "idem-1",
        customer: a.subscribed.publicId,
        eventName: "api_requests",
        value: 5,
        timestamp: at("2026-02-20T10:00:00Z"),
      },
      {
        id: "idem-2",
        customer: a.subscribed.externalId,
        eventName: "api_requests",
        value: 7,
        timestamp: at("2026-02-20T11:00:00Z"),
      },
      // Same id again in the batch, another payload: the first wins.
      {
        id: "idem-1",
        customer: a.subscribed.publicId,
        eventName: "api_requests",
        value: 1000,
        timestamp: at("2026-02-20T12:00:00Z"),
      },
    ];
    expect(await ingest(events)).toEqual({ accepted: 2, duplicates: 1 });
    expect(await ingest(events)).toEqual({ accepted: 0, duplicates: 3 });
    expect(await ingest([{ ...events[1]!, value: 99 }])).toEqual({ accepted: 0, duplicates: 1 });

    expect(await bucket(a.meters.sum, "day", at("2026-02-20T00:00:00Z"))).toEqual({
      value: 12,
      eventCount: 2,
      uniqueValues: null,
      periodEnd: "2026-02-21T00:00:00.000Z",
      subscription: expect.any(Number),
    });
    expect(await bucket(a.meters.sum, "period", PERIOD.start)).toMatchObject({
      value: 12,
      eventCount: 2,
      periodEnd: PERIOD.end.toISOString(),
    });
    expect(await storedKeys(["idem-1", "idem-2"])).toBe(2);
    // Another merchant may use the same ids for its own events.
    expect(
      await ingest(
        [{ id: "idem-1", customer: b.subscribed.publicId, eventName: "api_requests", value: 3 }],
        b,
      ),
    ).toEqual({ accepted: 1, duplicates: 0 });
  });

  it("aggregates each kind: sum adds decimals, count counts, max keeps the greatest", async () => {
    const day = at("2026-02-21T00:00:00Z");
    const t = (h: number) => new Date(day.getTime() + h * 3_600_000);
    const customer = a.subscribed.publicId;
    await ingest([
      { id: "sum-1", customer, eventName: "api_requests", value: 1.5, timestamp: t(1) },
      { id: "sum-2", customer, eventName: "api_requests", value: 2.25, timestamp: t(2) },
      { id: "cnt-1", customer, eventName: "logins", value: 40, timestamp: t(1) },
      { id: "cnt-2", customer, eventName: "logins", timestamp: t(2) },
      { id: "max-1", customer, eventName: "storage_gb", value: 3.5, timestamp: t(1) },
      { id: "max-2", customer, eventName: "storage_gb", value: 9.75, timestamp: t(2) },
    ]);
    await ingest([
      { id: "sum-3", customer, eventName: "api_requests", value: 0.000001, timestamp: t(3) },
      { id: "cnt-3", customer, eventName: "logins", value: 0, timestamp: t(3) },
      { id: "max-3", customer, eventName: "storage_gb", value: 4, timestamp: t(3) },
    ]);
    expect(await bucket(a.meters.sum, "day", day)).toMatchObject({ value: 3.750001, eventCount: 3 });
    expect(await bucket(a.meters.count, "day", day)).toMatchObject({ value: 3, eventCount: 3 });
    expect(await bucket(a.meters.max, "day", day)).toMatchObject({ value: 9.75, eventCount: 3 });
    // A later, higher max raises it.
    await ingest([{ id: "max-4", customer, eventName: "storage_gb", value: 12, timestamp: t(4) }]);
    expect(await bucket(a.meters.max, "day", day)).toMatchObject({ value: 12, eventCount: 4 });
    expect(await bucket(a.meters.max, "period", PERIOD.start)).toMatchObject({ value: 12, eventCount: 4 });
    expect(await bucket(a.meters.count, "period", PERIOD.start)).toMatchObject({ value: 3, eventCount: 3 });
  });

  it("merges the distinct values of a unique_count meter across batches", async () => {
    const day = at("2026-02-22T00:00:00Z");
    const customer = a.subscribed.publicId;
    const seen = (id: string, user: string | number) => ({
      id,
      customer,
      eventName: "active_users",
      properties: { user, plan: "pro?" },
      timestamp: new Date(day.getTime() + 3_600_000),
    });
    await ingest([seen("u-1", "ann"), seen("u-2", "bob"), seen("u-3", "ann")]);
    expect(await bucket(a.meters.unique_count, "day", day)).toMatchObject({
      value: 2,
      eventCount: 3,
      uniqueValues: ["ann", "bob"],
    });
    await ingest([seen("u-4", "bob"), seen("u-5", "cy"), seen("u-6", 42)]);
    expect(await bucket(a.meters.unique_count, "day", day)).toMatchObject({
      value: 4,
      eventCount: 6,
      uniqueValues: ["42", "ann", "bob", "cy"],
    });
    expect(await bucket(a.meters.unique_count, "period", PERIOD.start)).toMatchObject({
      value: 4,
      uniqueValues: ["42", "ann", "bob", "cy"],
    });
    const stored = await db.em().findOneOrFail(UsageEvent, { merchant: a.merchantId, idempotencyKey: "u-6" });
    expect(stored.properties).toEqual({ user: 42, plan: "pro?" });
  });

  it("puts an event at exactly a period's end in the next period, and buckets days in UTC", async () => {
    const customer = a.subscribed.publicId;
    await ingest([
      { id: "edge-before", customer, eventName: "logins", timestamp: at("2026-02-14T23:59:59.999Z") },
      { id: "edge-at", customer, eventName: "logins", timestamp: PERIOD.start },
    ]);
    expect(await bucket(a.meters.count, "period", PREVIOUS.start)).toMatchObject({
      value: 1,
      periodEnd: PERIOD.start.toISOString(),
    });
    expect(await bucket(a.meters.count, "period", PERIOD.start)).toMatchObject({ value: 4 });
    expect(await bucket(a.meters.count, "day", at("2026-02-14T00:00:00Z"))).toMatchObject({ value: 1 });
    expect(await bucket(a.meters.count, "day", PERIOD.start)).toMatchObject({ value: 1 });
    expect(await usageForPeriod(db.em(), a.subscribed.id, a.meters.count.id, PREVIOUS.start)).toEqual({
      quantity: 1,
      eventCount: 1,
    });
  });

  it("keeps only day buckets without a metered subscription, and no bucket for unmetered names", async () => {
    const day = at("2026-02-23T00:00:00Z");
    const t = new Date(day.getTime() + 60_000);
    expect(
      await ingest([
        {
          id: "free-1",
          customer: a.unsubscribed.publicId,
          eventName: "api_requests",
          value: 4,
          timestamp: t,
        },
        { id: "nobody-1", customer: a.subscribed.publicId, eventName: "page_views", value: 4, timestamp: t },
      ]),
    ).toEqual({ accepted: 2, duplicates: 0 });
    expect(await bucket(a.meters.sum, "day", day, a.unsubscribed.id)).toMatchObject({
      value: 4,
      subscription: null,
    });
    expect(await db.em().count(UsageAggregate, { customer: a.unsubscribed.id, granularity: "period" })).toBe(
      0,
    );
    const unmetered = await db
      .em()
      .findOneOrFail(UsageEvent, { merchant: a.merchantId, idempotencyKey: "nobody-1" });
    expect(unmetered.meter).toBeNull();
  });

  it("refuses a whole batch with an invalid event, naming each, and writes nothing", async () => {
    const customer = a.subscribed.publicId;
    const before = await bucket(a.meters.sum, "period", PERIOD.start);
    const events: UsageEventInput[] = [
      { id: "bad-ok", customer, eventName: "api_requests", value: 1 },
      { id: "bad-old", customer, eventName: "api_requests", timestamp: at("2026-01-25T11:59:59Z") },
      { id: "bad-future", customer, eventName: "api_requests", timestamp: at("2026-03-01T12:05:01Z") },
      { id: "bad-negative", customer, eventName: "api_requests", value: -1 },
      { id: "bad-unique", customer, eventName: "active_users", properties: { plan: "pro" } },
    ];
    const error = await failure(ingest(events));
    expect(error).toMatchObject({ code: "BAD_REQUEST", reason: "USAGE_EVENTS_REJECTED" });
    expect(error.details).toEqual({
      rejected: [
        { id: "bad-old", reason: "TIMESTAMP_TOO_OLD" },
        { id: "bad-future", reason: "TIMESTAMP_IN_FUTURE" },
        { id: "bad-negative", reason: "VALUE_INVALID" },
        { id: "bad-unique", reason: "VALUE_PROPERTY_MISSING" },
      ],
    });
    expect(await storedKeys(events.map((e) => e.id))).toBe(0);
    expect(await bucket(a.meters.sum, "period", PERIOD.start)).toEqual(before);
    // The limits themselves are accepted: 35 days old, 5 minutes ahead.
    expect(
      await ingest([
        {
          id: "edge-old",
          customer,
          eventName: "storage_gb",
          value: 1,
          timestamp: at("2026-01-25T12:00:00Z"),
        },
        {
          id: "edge-new",
          customer,
          eventName: "storage_gb",
          value: 1,
          timestamp: at("2026-03-01T12:05:00Z"),
        },
      ]),
    ).toEqual({ accepted: 2, duplicates: 0 });

    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}`, customer, eventName: "logins" }));
    expect(await failure(ingest(tooMany))).toMatchObject({ reason: "USAGE_BATCH_TOO_LARGE" });
  });

  it("is NOT_FOUND for another merchant's customer, by either id, and writes nothing", async () => {
    for (const customer of [b.subscribed.publicId, b.subscribed.externalId, "cus_unknown"]) {
      const error = await failure(
        ingest([
          { id: "iso-ok", customer: a.subscribed.publicId, eventName: "logins" },
          { id: "iso-foreign", customer, eventName: "logins" },
        ]),
      );
      expect(error).toMatchObject({ code: "NOT_FOUND", reason: "CUSTOMER_NOT_FOUND" });
      expect(error.details).toEqual({ rejected: [{ id: "iso-foreign", reason: "CUSTOMER_NOT_FOUND" }] });
    }
    expect(await storedKeys(["iso-ok", "iso-foreign"])).toBe(0);
    await expect(
      getCurrentUsage(db.em(), clock, { merchantId: a.merchantId, customerId: b.subscribed.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      reason: "CUSTOMER_NOT_FOUND",
    });
  });

  it("reads current usage from the aggregates: cost, projection and a daily series", async () => {
    const usage = await getCurrentUsage(db.em(), clock, {
      merchantId: b.merchantId,
      customerId: b.subscribed.id,
    });
    expect(usage.asOf).toBe(NOW.toISOString());
    const sum = usage.meters.find((m) => m.meter.eventName === "api_requests")!;
    // b's only event so far: 3 units, inside the 10 free ones.
    expect(sum).toMatchObject({ quantity: 3, amount: 0, currency: "USD" });

    await ingest(
      [
        {
          id: "proj-1",
          customer: b.subscribed.publicId,
          eventName: "api_requests",
          value: 20,
          timestamp: at("2026-02-16T08:00:00Z"),
        },
        {
          id: "proj-2",
          customer: b.subscribed.publicId,
          eventName: "api_requests",
          value: 6,
          timestamp: at("2026-03-01T09:00:00Z"),
        },
        {
          id: "proj-3",
          customer: b.subscribed.publicId,
          eventName: "storage_gb",
          value: 8,
          timestamp: at("2026-02-20T09:00:00Z"),
        },
      ],
      b,
    );
    const after = await getCurrentUsage(db.em(), clock, {
      merchantId: b.merchantId,
      customerId: b.subscribed.id,
    });
    const line = after.meters.find((m) => m.meter.eventName === "api_requests")!;
    // 29 units, 14.5 of 28 days elapsed → 56 projected. Cost: (29 − 10) × 2 = 38; (56 − 10) × 2 = 92.
    expect(line).toMatchObject({
      meter: { eventName: "api_requests", aggregation: "sum" },
      period: { start: PERIOD.start.toISOString(), end: PERIOD.end.toISOString() },
      quantity: 29,
      amount: 38,
      projected: { quantity: 56, amount: 92 },
    });
    // One point per day from Feb 15 to today (Mar 1), zero-filled.
    expect(line.daily).toHaveLength(15);
    expect(line.daily[0]).toEqual({ date: "2026-02-15", quantity: 0 });
    expect(line.daily.find((d) => d.date === "2026-02-16")).toEqual({ date: "2026-02-16", quantity: 20 });
    // Today: proj-2 and the event beta sent in the first test.
    expect(line.daily.at(-1)).toEqual({ date: "2026-03-01", quantity: 6 + 3 });
    expect(line.daily.reduce((total, d) => total + d.quantity, 0)).toBe(29);
    // A max is not extrapolated: 8 GB-peak × 100 cents.
    expect(after.meters.find((m) => m.meter.eventName === "storage_gb")).toMatchObject({
      quantity: 8,
      amount: 800,
      projected: { quantity: 8, amount: 800 },
    });
    // No metered subscription, no lines.
    const none = await getCurrentUsage(db.em(), clock, {
      merchantId: a.merchantId,
      customerId: a.unsubscribed.id,
    });
    expect(none.meters).toEqual([]);
  });

  it.runIf(process.env.DATABASE_URL)(
    "never double counts concurrent overlapping batches (PostgreSQL server)",
    async () => {
      const customer = a.subscribed.publicId;
      const timestamp = at("2026-02-24T06:00:00Z");
      // 6 callers, 300 events each, each overlapping its neighbours by 150: 1 050 distinct ids.
      // Every other batch lists its events backwards: lock order must not depend on it.
      const batches = Array.from({ length: 6 }, (_, k) => {
        const events = Array.from({ length: 300 }, (_, i) => ({
          id: `race-${k * 150 + i}`,
          customer,
          eventName: "api_requests",
          value: 1,
          timestamp,
        }));
        return k % 2 ? events.reverse() : events;
      });
      const results = await Promise.all(batches.map((events) => ingest(events)));
      expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(1050);
      expect(results.reduce((s, r) => s + r.duplicates, 0)).toBe(6 * 300 - 1050);
      expect(await bucket(a.meters.sum, "day", at("2026-02-24T00:00:00Z"))).toMatchObject({
        value: 1050,
        eventCount: 1050,
      });
    },
  );

  it("keeps every aggregate equal to its raw events", async () => {
    const [mismatch] = await db.em().execute<{ n: number }[]>(
      `select count(*)::int as n
       from usage_aggregate a join meter m on m.id = a.meter_id
       cross join lateral (
         select coalesce(sum(e.value), 0) as total, coalesce(max(e.value), 0) as peak, count(*) as events,
                count(distinct e.properties->>m.value_property) as uniques
         from usage_event e
         where e.customer_id = a.customer_id and e.meter_id = a.meter_id
           and e.occurred_at >= a.period_start and e.occurred_at < a.period_end) e
       where a.event_count <> e.events
          or a.value <> case m.aggregation when 'sum' then e.total when 'max' then e.peak
                                           when 'count' then e.events else e.uniques end`,
    );
    expect(mismatch?.n).toBe(0);
    expect(await db.em().count(UsageAggregate, {})).toBeGreaterThan(10);
  });
});
