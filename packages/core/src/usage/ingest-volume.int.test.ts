import {
  Customer,
  Merchant,
  Meter,
  Price,
  Product,
  Subscription,
  SubscriptionItem,
  UsageEvent,
  type MeterAggregation,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import type { UsageEventInput } from "./event-rules.js";
import { ingestUsage } from "./ingest.js";
import { utcDayOf } from "./metered-subscriptions.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const clock = fixedClock(NOW);
// Issue 4's bar: 100 000 events in one test. Throughput is measured by `npm run bench`, not here.
const EVENTS = 100_000;
const BATCH = 1000;
const CUSTOMERS = 40;
const WINDOW_SECONDS = 30 * 86_400;
const METERS: { eventName: string; aggregation: MeterAggregation }[] = [
  { eventName: "compute_seconds", aggregation: "sum" },
  { eventName: "requests", aggregation: "count" },
  { eventName: "seats", aggregation: "unique_count" },
];

/** Event i, deterministic: spread over 30 days, 40 customers, 3 meters and 500 users. */
function eventAt(i: number, customers: string[]): UsageEventInput {
  const meter = METERS[i % 3]!;
  return {
    id: `vol-${i}`,
    customer: customers[(i * 7) % CUSTOMERS]!,
    eventName: meter.eventName,
    value: (i % 17) + 0.25,
    properties: { user: `u${(i * 31) % 500}` },
    timestamp: new Date(NOW.getTime() - ((i * 7919) % WINDOW_SECONDS) * 1000),
  };
}

/** What each day bucket must hold, computed from the generated events. */
function expectedDays(events: UsageEventInput[]): Map<string, { value: number; count: number }> {
  const days = new Map<string, { quarters: number; count: number; users: Set<string> }>();
  for (const e of events) {
    const key = `${e.customer}|${e.eventName}|${utcDayOf(e.timestamp!).start.toISOString()}`;
    const day = days.get(key) ?? { quarters: 0, count: 0, users: new Set<string>() };
    day.quarters += Math.round(e.value! * 4); // values are k + 0.25: exact in quarters
    day.count += 1;
    day.users.add(String(e.properties!.user));
    days.set(key, day);
  }
  const aggregation = new Map(METERS.map((m) => [m.eventName, m.aggregation]));
  const expected = new Map<string, { value: number; count: number }>();
  for (const [key, day] of days) {
    const kind = aggregation.get(key.split("|")[1]!);
    const value = kind === "sum" ? day.quarters / 4 : kind === "count" ? day.count : day.users.size;
    expected.set(key, { value, count: day.count });
  }
  return expected;
}

describe("100 000 usage events", () => {
  let db: TestDatabase;
  let merchantId: number;
  let customers: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "volume", name: "Volume" });
    const product = em.create(Product, { merchant, name: "Platform" });
    const prices = METERS.map((m) =>
      em.create(Price, {
        merchant,
        product,
        currency: "USD",
        type: "metered",
        interval: "month",
        unitAmount: 1,
        meter: em.create(Meter, {
          merchant,
          eventName: m.eventName,
          displayName: m.eventName,
          aggregation: m.aggregation,
          valueProperty: m.aggregation === "unique_count" ? "user" : null,
        }),
      }),
    );
    const rows = Array.from({ length: CUSTOMERS }, (_, k) => {
      const customer = em.create(Customer, { merchant, name: `C${k}`, currency: "USD" });
      // Anchors on different days, so period boundaries fall inside the event window.
      const anchor = new Date(Date.UTC(2025, 11, 1 + (k % 28), k % 24));
      const subscription = em.create(Subscription, {
        merchant,
        customer,
        status: "active",
        currency: "USD",
        startedAt: anchor,
        billingCycleAnchor: anchor,
        currentPeriodStart: new Date(Date.UTC(2026, 1, 1 + (k % 28), k % 24)),
        currentPeriodEnd: new Date(Date.UTC(2026, 2, 1 + (k % 28), k % 24)),
      });
      for (const price of prices) em.create(SubscriptionItem, { merchant, subscription, price });
      return customer;
    });
    await em.flush();
    merchantId = merchant.id;
    customers = rows.map((c) => c.publicId);
  });
  afterAll(() => db?.close());

  const batches = () =>
    Array.from({ length: EVENTS / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => eventAt(b * BATCH + i, customers)),
    );

  /** Ingests the batches in `streams` parallel sequences; returns the summed result. */
  async function ingestAll(streams: number) {
    const queue = batches();
    const totals = { accepted: 0, duplicates: 0 };
    await Promise.all(
      Array.from({ length: streams }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const result = await ingestUsage(db.em(), clock, merchantId, batch);
          totals.accepted += result.accepted;
          totals.duplicates += result.duplicates;
        }
      }),
    );
    return totals;
  }

  const snapshot = async () =>
    (
      await db.em().execute<{ digest: string; rows: number }[]>(
        `select md5(string_agg(concat_ws('|', customer_id, meter_id, granularity, period_start, period_end,
                  value, event_count, unique_values, subscription_id), ',' order by id)) as digest,
                count(*)::int as rows
         from usage_aggregate`,
      )
    )[0]!;

  it("aggregates them exactly, and re-ingesting them changes nothing", { timeout: 600_000 }, async () => {
    // Parallel streams on a server also race batches against each other; PGlite runs one query at a time.
    const streams = db.kind === "server" ? 4 : 1;
    expect(await ingestAll(streams)).toEqual({ accepted: EVENTS, duplicates: 0 });

    const rows = await db
      .em()
      .execute<
        { customer: string; event_name: string; period_start: Date; value: string; event_count: string }[]
      >(
        `select c.public_id as customer, m.event_name, a.period_start, a.value::text as value,
              a.event_count::text as event_count
       from usage_aggregate a join customer c on c.id = a.customer_id join meter m on m.id = a.meter_id
       where a.granularity = 'day'`,
      );
    const expected = expectedDays(batches().flat());
    const actual = new Map(
      rows.map((r) => [
        `${r.customer}|${r.event_name}|${new Date(r.period_start).toISOString()}`,
        { value: Number(r.value), count: Number(r.event_count) },
      ]),
    );
    expect(actual.size).toBe(expected.size);
    expect(actual).toEqual(expected);

    // Every period row equals its raw events (the period rows were never summed from days).
    const [periods] = await db.em().execute<{ rows: number; mismatched: number; events: number }[]>(
      `select count(*)::int as rows, sum(a.event_count)::int as events,
              count(*) filter (where a.event_count <> e.events or a.value <> case m.aggregation
                when 'sum' then e.total when 'count' then e.events else e.uniques end)::int as mismatched
       from usage_aggregate a join meter m on m.id = a.meter_id
       cross join lateral (
         select coalesce(sum(e.value), 0) as total, count(*) as events,
                count(distinct e.properties->>'user') as uniques
         from usage_event e where e.customer_id = a.customer_id and e.meter_id = a.meter_id
           and e.occurred_at >= a.period_start and e.occurred_at < a.period_end) e
       where a.granularity = 'period'`,
    );
    expect(periods).toEqual({ rows: expect.any(Number), mismatched: 0, events: EVENTS });
    expect(periods!.rows).toBeGreaterThan(CUSTOMERS * METERS.length); // boundaries inside the window

    const before = await snapshot();
    expect(await ingestAll(streams)).toEqual({ accepted: 0, duplicates: EVENTS });
    expect(await snapshot()).toEqual(before);
    expect(await db.em().count(UsageEvent, { merchant: merchantId })).toBe(EVENTS);
  });
});
