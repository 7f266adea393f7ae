/**
 * Times `ingestUsage` — the path behind `integration.usage.ingest` — on batches of 1 000
 * events, and prints a markdown table (events/s, p50 / p95 per batch):
 *
 *   npm run bench -w @portico/core [-- --batches 50] [--streams 4]
 *
 * It creates a throw-away merchant (`bench-ingest-<unix time>`) with 200 subscribed
 * customers and three meters (sum, count, unique_count), ingests fresh batches on one
 * connection, the same batches again (all duplicates), then fresh batches from several
 * concurrent callers, and deletes everything it wrote. Same DATABASE_URL /
 * PORTICO_DATA_DIR as `npm run bench`. Results go to docs/benchmarks.md.
 */
import {
  Customer,
  Merchant,
  Meter,
  Price,
  Product,
  Subscription,
  SubscriptionItem,
  openDatabase,
  type EntityManager,
  type MeterAggregation,
} from "@portico/db";
import { parseArgs } from "node:util";
import { periodContaining } from "../billing/periods.js";
import { fixedClock } from "../clock.js";
import type { UsageEventInput } from "../usage/event-rules.js";
import { ingestUsage } from "../usage/ingest.js";

const { values } = parseArgs({
  options: {
    batches: { type: "string", default: "50" },
    streams: { type: "string", default: "4" },
  },
});
const BATCHES = Number(values.batches);
const STREAMS = Number(values.streams);
const BATCH = 1000;
const CUSTOMERS = 200;
const METERS: { eventName: string; aggregation: MeterAggregation }[] = [
  { eventName: "api_requests", aggregation: "sum" },
  { eventName: "logins", aggregation: "count" },
  { eventName: "active_users", aggregation: "unique_count" },
];
const now = new Date();
const clock = fixedClock(now);

const db = await openDatabase();

async function createMerchant(em: EntityManager) {
  const merchant = em.create(Merchant, {
    slug: `bench-ingest-${Math.floor(now.getTime() / 1000)}`,
    name: "Bench ingest",
  });
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
  const anchor = new Date(now.getTime() - 40 * 86_400_000);
  const current = periodContaining(anchor, { interval: "month", intervalCount: 1 }, now);
  const customers = Array.from({ length: CUSTOMERS }, (_, k) => {
    const customer = em.create(Customer, { merchant, name: `Bench ${k}`, currency: "USD" });
    const subscription = em.create(Subscription, {
      merchant,
      customer,
      status: "active",
      currency: "USD",
      startedAt: anchor,
      billingCycleAnchor: anchor,
      currentPeriodStart: current.start,
      currentPeriodEnd: current.end,
    });
    for (const price of prices) em.create(SubscriptionItem, { merchant, subscription, price });
    return customer;
  });
  await em.flush();
  return { id: merchant.id, slug: merchant.slug, customers: customers.map((c) => c.publicId) };
}

/** Batch `b` of a run: events over the last 7 days, ~a third per meter, 2 000 distinct users. */
function batch(run: string, b: number, customers: string[]): UsageEventInput[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = b * BATCH + i;
    return {
      id: `${run}-${n}`,
      customer: customers[(n * 7919) % customers.length]!,
      eventName: METERS[n % METERS.length]!.eventName,
      value: (n % 13) + 1,
      properties: { user: `u${(n * 31) % 2000}`, region: n % 4 ? "us-east-1" : "eu-west-1" },
      timestamp: new Date(now.getTime() - ((n * 104_729) % (7 * 86_400)) * 1000),
    };
  });
}

interface Row {
  name: string;
  events: number;
  accepted: number;
  seconds: number;
  batchMs: number[];
}

async function run(name: string, batches: UsageEventInput[][], streams: number, merchantId: number) {
  const queue = [...batches];
  const row: Row = { name, events: 0, accepted: 0, seconds: 0, batchMs: [] };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: streams }, async () => {
      for (let events = queue.shift(); events; events = queue.shift()) {
        const t = performance.now();
        const result = await ingestUsage(db.orm.em.fork(), clock, merchantId, events);
        row.batchMs.push(performance.now() - t);
        row.events += events.length;
        row.accepted += result.accepted;
      }
    }),
  );
  row.seconds = (performance.now() - t0) / 1000;
  return row;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const int = (n: number) => Math.round(n).toLocaleString("en-US");

const em = db.orm.em.fork();
const merchant = await createMerchant(em);
try {
  const fresh = Array.from({ length: BATCHES }, (_, b) => batch("a", b, merchant.customers));
  const concurrent = Array.from({ length: BATCHES }, (_, b) => batch("b", b, merchant.customers));
  const rows = [
    await run("fresh events, 1 caller", fresh, 1, merchant.id),
    await run("the same events again (all duplicates), 1 caller", fresh, 1, merchant.id),
    await run(`fresh events, ${STREAMS} concurrent callers`, concurrent, STREAMS, merchant.id),
  ];
  const [version] = await em.execute<{ v: string }[]>(`select version() as v`);
  console.log(`## Usage ingest — ${db.kind === "server" ? "PostgreSQL server" : "embedded PGlite"}`);
  console.log("");
  console.log(`- ${version?.v.split(" on ")[0]}; merchant \`${merchant.slug}\` (deleted afterwards)`);
  console.log(
    `- ${BATCHES} batches of ${BATCH} events per run; ${CUSTOMERS} subscribed customers; meters sum, count and unique_count (2 000 users)`,
  );
  console.log("- each batch: one `ingestUsage` call (3 lookups + 1 statement), timed in Node");
  console.log("");
  console.log("| run | events | stored | seconds | events/s | p50 ms / batch | p95 ms / batch |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const sorted = [...r.batchMs].sort((a, b) => a - b);
    console.log(
      `| ${r.name} | ${int(r.events)} | ${int(r.accepted)} | ${r.seconds.toFixed(1)} | ${int(r.events / r.seconds)} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} |`,
    );
  }
} finally {
  for (const table of ["usage_aggregate", "usage_event", "subscription_item", "subscription", "price"]) {
    await em.execute(`delete from "${table}" where merchant_id = ?`, [merchant.id]);
  }
  for (const table of ["meter", "product", "customer"]) {
    await em.execute(`delete from "${table}" where merchant_id = ?`, [merchant.id]);
  }
  await em.execute(`delete from merchant where id = ?`, [merchant.id]);
  await db.close();
}
