/**
 * Times the reads the portal makes, on a generated merchant, and prints a markdown table
 * (p50 / p95 over repeated runs, and the index each plan uses) plus the EXPLAIN ANALYZE
 * of every query:
 *
 *   npm run bench [-- --merchant <slug>] [--runs 200] [--seconds 4]
 *
 * Without a generated merchant in the database it first generates a small one (2 000
 * customers, 100 000 invoices, 200 000 usage events). Results go to docs/benchmarks.md.
 */
import type { ClientBase } from "pg";
import { parseArgs } from "node:util";
import { openDatabase } from "../database.js";
import { generateDataset } from "../generate/index.js";

const { values } = parseArgs({
  options: {
    merchant: { type: "string" },
    runs: { type: "string", default: "200" },
    seconds: { type: "string", default: "4" },
  },
});
const maxRuns = Number(values.runs);
const maxSeconds = Number(values.seconds);
const PAGE = 25;
const DEPTH = 5000;
const SMALL = { customers: 2000, invoices: 100_000, usageEvents: 200_000 };

const db = await openDatabase();
const knexClient = db.orm.em.getKnex().client as {
  acquireConnection(): Promise<ClientBase>;
  releaseConnection(connection: ClientBase): Promise<void>;
};

async function findMerchant(conn: ClientBase): Promise<{ id: string; slug: string } | undefined> {
  const { rows } = await conn.query<{ id: string; slug: string }>(
    `select m.id, m.slug from merchant m
     where ($1::text is null or m.slug = $1)
       and exists (select 1 from price p where p.merchant_id = m.id and p.lookup_key = 'bench_starter_monthly')
     order by m.last_invoice_number desc limit 1`,
    [values.merchant ?? null],
  );
  return rows[0];
}

interface Measured {
  name: string;
  rows: number;
  p50: number;
  p95: number;
  runs: number;
  plan: string;
  explain: string;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** The scan nodes of a plan: "Index Scan Backward using x", "Seq Scan on y", … */
function scans(explain: string): string {
  const found = new Set<string>();
  for (const line of explain.split("\n")) {
    const m =
      /((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?) (?:using|on) ("?[\w.]+"?)/.exec(
        line,
      );
    if (m) found.add(`${m[1]} · \`${m[2]}\``);
  }
  return [...found].join("<br>") || "(no scan)";
}

async function measure(conn: ClientBase, name: string, sql: string, params: unknown[]): Promise<Measured> {
  let rows = 0;
  for (let i = 0; i < 5; i++) rows = (await conn.query(sql, params)).rowCount ?? 0;
  const times: number[] = [];
  const until = performance.now() + maxSeconds * 1000;
  while (times.length < maxRuns && (times.length < 10 || performance.now() < until)) {
    const t0 = performance.now();
    await conn.query(sql, params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const { rows: plan } = await conn.query<{ "QUERY PLAN": string }>(
    `explain (analyze, buffers, costs off) ${sql}`,
    params,
  );
  const explain = plan.map((r) => r["QUERY PLAN"]).join("\n");
  return {
    name,
    rows,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    runs: times.length,
    plan: scans(explain),
    explain,
  };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const int = (n: number | string) => Number(n).toLocaleString("en-US");

const conn = await knexClient.acquireConnection();
try {
  let merchant = await findMerchant(conn);
  if (!merchant) {
    if (values.merchant) throw new Error(`no generated merchant with slug ${values.merchant}`);
    console.error(
      `No generated merchant: generating ${int(SMALL.customers)} customers, ${int(SMALL.invoices)} invoices, ${int(SMALL.usageEvents)} usage events…`,
    );
    const generated = await generateDataset(db.orm, {
      ...SMALL,
      merchant: `bench-small-${Math.floor(Date.now() / 1000)}`,
    });
    console.error(`Generated ${generated.totalRows} rows in ${generated.seconds.toFixed(1)} s.`);
    merchant = await findMerchant(conn);
  }
  if (!merchant) throw new Error("no merchant to measure");
  const m = merchant.id;

  const t0 = performance.now();
  const { rows: perCustomer } = await conn.query<{ customer_id: string; n: number }>(
    `select customer_id, count(*)::int as n from invoice where merchant_id = $1 group by customer_id order by n desc, customer_id`,
    [m],
  );
  const heavy = perCustomer[0];
  const typical = perCustomer[Math.floor(perCustomer.length / 2)];
  const depth = Math.min(DEPTH, Math.max(0, (heavy?.n ?? 0) - PAGE));
  const { rows: cursorRows } =
    heavy && depth > 0
      ? await conn.query<{ created_at: Date; id: string }>(
          `select created_at, id from invoice where customer_id = $1 order by created_at desc, id desc offset $2 limit 1`,
          [heavy.customer_id, depth - 1],
        )
      : { rows: [] };
  const cursor = cursorRows[0];
  const { rows: usageRows } = await conn.query<{
    customer_id: string;
    meter_id: string;
    period_start: Date;
    period_end: Date;
    event_count: string;
  }>(
    `select customer_id, meter_id, period_start, period_end, event_count from usage_aggregate
     where merchant_id = $1 and granularity = 'period' order by event_count desc, customer_id limit 1`,
    [m],
  );
  const usage = usageRows[0];
  const { rows: sizes } = await conn.query<{ db: string; relname: string; reltuples: number }>(
    `select pg_size_pretty(pg_database_size(current_database())) as db, c.relname, greatest(c.reltuples, 0)::bigint as reltuples
     from pg_class c where c.relname in ('customer', 'invoice', 'invoice_line', 'payment', 'usage_event', 'usage_aggregate')
     order by c.relname`,
  );
  const { rows: version } = await conn.query<{ v: string }>(`select version() as v`);
  const setupSeconds = (performance.now() - t0) / 1000;

  const list = `select id, public_id, number, status, currency, total, amount_remaining, due_at, created_at from invoice`;
  const results: Measured[] = [];
  if (heavy && typical) {
    results.push(
      await measure(
        conn,
        `Invoices, first page — top customer (${int(heavy.n)} invoices)`,
        `${list} where customer_id = $1 order by created_at desc, id desc limit ${PAGE}`,
        [heavy.customer_id],
      ),
      await measure(
        conn,
        `Invoices, first page — median customer (${int(typical.n)} invoices)`,
        `${list} where customer_id = $1 order by created_at desc, id desc limit ${PAGE}`,
        [typical.customer_id],
      ),
    );
    if (cursor) {
      results.push(
        await measure(
          conn,
          `Invoices, page after ${int(depth)} rows — keyset cursor`,
          `${list} where customer_id = $1 and (created_at, id) < ($2, $3) order by created_at desc, id desc limit ${PAGE}`,
          [heavy.customer_id, cursor.created_at, cursor.id],
        ),
        await measure(
          conn,
          `Invoices, page after ${int(depth)} rows — OFFSET (for comparison)`,
          `${list} where customer_id = $1 order by created_at desc, id desc offset ${depth} limit ${PAGE}`,
          [heavy.customer_id],
        ),
      );
    }
    results.push(
      await measure(
        conn,
        `Open invoices of the top customer, by due date`,
        `${list} where customer_id = $1 and status = 'open' order by due_at, id limit ${PAGE}`,
        [heavy.customer_id],
      ),
      await measure(
        conn,
        `Overdue total of the top customer (count, sum)`,
        `select count(*), coalesce(sum(amount_remaining), 0) as due from invoice where customer_id = $1 and status = 'open' and due_at < now()`,
        [heavy.customer_id],
      ),
    );
  }
  if (usage) {
    const events = int(usage.event_count);
    results.push(
      await measure(
        conn,
        `Usage this period — the \`period\` aggregate row (${events} events)`,
        `select value, event_count from usage_aggregate where customer_id = $1 and meter_id = $2 and granularity = 'period' and period_start = $3`,
        [usage.customer_id, usage.meter_id, usage.period_start],
      ),
      await measure(
        conn,
        `Usage this period — sum of the daily aggregate rows`,
        `select sum(value) as value, sum(event_count) as events from usage_aggregate
         where customer_id = $1 and meter_id = $2 and granularity = 'day' and period_start >= $3 and period_start < $4`,
        [usage.customer_id, usage.meter_id, usage.period_start, usage.period_end],
      ),
      await measure(
        conn,
        `Usage this period — summing the raw usage events`,
        `select sum(value) as value, count(*) as events from usage_event
         where customer_id = $1 and meter_id = $2 and occurred_at >= $3 and occurred_at < $4`,
        [usage.customer_id, usage.meter_id, usage.period_start, usage.period_end],
      ),
    );
  }

  const tableRows = sizes.map((s) => `${s.relname} ≈ ${int(s.reltuples)}`).join(", ");
  console.log(`## Portal reads — ${db.kind === "server" ? "PostgreSQL server" : "embedded PGlite"}`);
  console.log("");
  console.log(`- ${version[0]?.v.split(" on ")[0]}; merchant \`${merchant.slug}\`; database ${sizes[0]?.db}`);
  console.log(`- tables: ${tableRows}`);
  console.log(
    `- each query: 5 warm-up runs, then up to ${maxRuns} runs or ${maxSeconds} s (at least 10), timed in Node around \`client.query\` (round trip included)`,
  );
  console.log(`- setup queries (finding the customers and the cursor) took ${setupSeconds.toFixed(1)} s`);
  console.log("");
  console.log("| read | rows | p50 ms | p95 ms | runs | plan |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const r of results)
    console.log(`| ${r.name} | ${r.rows} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${r.runs} | ${r.plan} |`);
  console.log("");
  console.log("<details><summary>EXPLAIN (ANALYZE, BUFFERS)</summary>");
  console.log("");
  for (const r of results) {
    console.log(`**${r.name}**`);
    console.log("");
    console.log("```");
    console.log(r.explain);
    console.log("```");
    console.log("");
  }
  console.log("</details>");
} finally {
  await knexClient.releaseConnection(conn);
  await db.close();
}
