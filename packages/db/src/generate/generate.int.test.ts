import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { eventChunks, generateDataset, type GenerateOptions, type GenerateResult } from "./generate.js";
import { derivePublicId, publicIdSql } from "./sql.js";

const OPTIONS: GenerateOptions = {
  customers: 20,
  invoices: 500,
  usageEvents: 2000,
  seed: 42,
  merchant: "gen-test",
  asOf: new Date("2026-06-15T00:00:00Z"),
  // Several statements per phase, so batch boundaries are exercised.
  batchSize: 150,
};

const PUBLIC_ID_TABLES = {
  merchant: "mer",
  product: "prod",
  price: "price",
  meter: "mtr",
  tax_rate: "txr",
  customer: "cus",
  payment_method: "pm",
  subscription: "sub",
  subscription_item: "si",
  invoice: "in",
  invoice_line: "il",
  payment: "py",
} as const;

type Row = Record<string, unknown>;

function query(db: TestDatabase, sql: string, params: unknown[] = []): Promise<Row[]> {
  return db.orm.em.getConnection().execute<Row[]>(sql, params);
}

async function one(db: TestDatabase, sql: string, params: unknown[] = []): Promise<Row> {
  const [row] = await query(db, sql, params);
  if (!row) throw new Error(`no row: ${sql}`);
  return row;
}

/** md5 of every generated row of every table, in id order. */
async function fingerprint(db: TestDatabase): Promise<Record<string, string>> {
  const tables = [...Object.keys(PUBLIC_ID_TABLES), "usage_event", "usage_aggregate"];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const row = await one(
      db,
      `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as digest from "${table}" t`,
    );
    result[table] = String(row.digest);
  }
  return result;
}

describe("generateDataset", () => {
  let db: TestDatabase;
  let result: GenerateResult;
  let merchantId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    result = await generateDataset(db.orm, OPTIONS);
    merchantId = Number(result.merchant.id);
  }, 120_000);
  afterAll(() => db?.close());

  it("inserts the requested rows and reports what it inserted", async () => {
    expect(result.interrupted).toBe(false);
    expect(result.merchant).toMatchObject({ slug: "gen-test", created: true });
    expect(result.counts).toMatchObject({
      merchant: 1,
      customer: 20,
      subscription: 20,
      invoice: 500,
      usage_event: 2000,
    });
    expect(result.counts.invoice_line).toBeGreaterThanOrEqual(500);
    expect(result.counts.invoice_line).toBeLessThanOrEqual(1500);
    for (const [table, count] of Object.entries(result.counts)) {
      const row = await one(db, `select count(*)::int as n from "${table}"`);
      expect(row.n, table).toBe(count);
    }
    expect(result.totalRows).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));
  });

  it("gives every row a public id of the app's format, unique per table", async () => {
    for (const [table, prefix] of Object.entries(PUBLIC_ID_TABLES)) {
      const row = await one(
        db,
        `select count(*)::int as n, count(distinct public_id)::int as distinct_ids,
                count(*) filter (where public_id !~ ?)::int as malformed from "${table}"`,
        [`^${prefix}_[a-z2-7]{24}$`],
      );
      expect(row.n, table).toBeGreaterThan(0);
      expect(row.distinct_ids, table).toBe(row.n);
      expect(row.malformed, table).toBe(0);
    }
    // The SQL and Node derivations agree (the merchant's id is made in Node).
    const sql = await one(db, `select ${publicIdSql("base", "cus", "'k1'")} as id`);
    expect(sql.id).toBe(derivePublicId("base", "cus", "k1"));
  });

  it("numbers invoices and receipts gap-free and leaves the merchant's counters on the last number", async () => {
    const merchant = await one(
      db,
      `select last_invoice_number, last_receipt_number from merchant where id = ?`,
      [merchantId],
    );
    const invoices = await one(
      db,
      `select count(*)::int as n, count(distinct number)::int as distinct_numbers,
              min(substring(number from '[0-9]+$')::int) as lo, max(substring(number from '[0-9]+$')::int) as hi,
              count(*) filter (where number !~ '^INV-[0-9]{4,}$')::int as malformed
       from invoice where merchant_id = ?`,
      [merchantId],
    );
    expect(invoices).toEqual({ n: 500, distinct_numbers: 500, lo: 1, hi: 500, malformed: 0 });
    expect(merchant.last_invoice_number).toBe(500);
    const receipts = await one(
      db,
      `select count(*)::int as n, count(distinct receipt_number)::int as distinct_numbers,
              coalesce(max(substring(receipt_number from '[0-9]+$')::int), 0) as hi
       from payment where merchant_id = ? and receipt_number is not null`,
      [merchantId],
    );
    expect(receipts.distinct_numbers).toBe(receipts.n);
    expect(receipts.hi).toBe(receipts.n);
    expect(merchant.last_receipt_number).toBe(receipts.n);
  });

  it("keeps invoice totals consistent with their lines and payments", async () => {
    const bad = await one(
      db,
      `select count(*)::int as n from invoice i
       join (select invoice_id, count(*) as lines, sum(amount) as amount, sum(discount_amount) as discount, sum(tax_amount) as tax
             from invoice_line group by invoice_id) l on l.invoice_id = i.id
       where l.lines not between 1 and 3 or i.subtotal <> l.amount or i.discount_total <> l.discount or i.tax_total <> l.tax
          or i.total <> i.subtotal - i.discount_total + i.tax_total or i.amount_due <> i.total
          or i.amount_paid <> case when i.status = 'paid' then i.total else 0 end
          or i.amount_remaining <> i.amount_due - i.amount_paid - i.amount_credited`,
    );
    expect(bad.n).toBe(0);
    const withoutLines = await one(
      db,
      `select count(*)::int as n from invoice i where not exists (select 1 from invoice_line l where l.invoice_id = i.id)`,
    );
    expect(withoutLines.n).toBe(0);
    // One succeeded payment of the full amount per paid invoice, none for the others.
    const payments = await one(
      db,
      `select count(*) filter (where i.status = 'paid' and p.n is distinct from 1)::int as paid_without,
              count(*) filter (where i.status <> 'paid' and p.n is not null)::int as unpaid_with,
              count(*) filter (where i.status = 'paid' and p.amount <> i.total)::int as wrong_amount
       from invoice i
       left join (select invoice_id, count(*) as n, sum(amount) as amount from payment where status = 'succeeded' group by invoice_id) p
         on p.invoice_id = i.id`,
    );
    expect(payments).toEqual({ paid_without: 0, unpaid_with: 0, wrong_amount: 0 });
    const statuses = await query(db, `select status, count(*)::int as n from invoice group by status`);
    expect(statuses.map((s) => s.status).sort()).toEqual(["open", "paid", "uncollectible", "void"]);
    // Dates: issued within 3 years before asOf, never before the customer existed.
    const dates = await one(
      db,
      `select min(i.issued_at) as first, max(i.issued_at) as last,
              count(*) filter (where i.created_at < c.created_at)::int as before_customer
       from invoice i join customer c on c.id = i.customer_id`,
    );
    expect(dates.before_customer).toBe(0);
    expect(new Date(dates.last as string).getTime()).toBeLessThanOrEqual(OPTIONS.asOf!.getTime());
    expect(new Date(dates.first as string).getTime()).toBeGreaterThanOrEqual(
      OPTIONS.asOf!.getTime() - 1096 * 86_400_000,
    );
  });

  it("spreads invoices with a skew: a few customers have many", async () => {
    const counts = await query(
      db,
      `select count(*)::int as n from invoice group by customer_id order by n desc`,
    );
    const top = Number(counts[0]!.n);
    expect(top).toBeGreaterThan(3 * (500 / 20));
  });

  it("writes usage aggregates equal to the events' sums", async () => {
    const daily = await one(
      db,
      `select count(*)::int as n from (
         select customer_id, meter_id, date_trunc('day', occurred_at, 'UTC') as day, sum(value) as value, count(*) as events
         from usage_event group by 1, 2, 3) e
       full join (select * from usage_aggregate where granularity = 'day') a
         on a.customer_id = e.customer_id and a.meter_id = e.meter_id and a.period_start = e.day
       where a.value is distinct from e.value or a.event_count is distinct from e.events
          or a.period_end is distinct from e.day + interval '1 day'`,
    );
    expect(daily.n).toBe(0);
    const periods = await query(
      db,
      `select a.value::text as value, a.event_count::int as count,
              (select coalesce(sum(e.value), 0)::text from usage_event e where e.customer_id = a.customer_id
                and e.meter_id = a.meter_id and e.occurred_at >= a.period_start and e.occurred_at < a.period_end) as event_value,
              (select count(*)::int from usage_event e where e.customer_id = a.customer_id
                and e.meter_id = a.meter_id and e.occurred_at >= a.period_start and e.occurred_at < a.period_end) as event_count
       from usage_aggregate a where a.granularity = 'period'`,
    );
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) expect([p.value, p.count]).toEqual([p.event_value, p.event_count]);
    const keys = await one(
      db,
      `select count(*)::int as n, count(distinct idempotency_key)::int as distinct_keys from usage_event`,
    );
    expect(keys.distinct_keys).toBe(keys.n);
  });

  it("gives the same data for the same seed", async () => {
    const other = await createTestDatabase();
    try {
      const again = await generateDataset(other.orm, OPTIONS);
      expect(again.counts).toEqual(result.counts);
      expect(await fingerprint(other)).toEqual(await fingerprint(db));
    } finally {
      await other.close();
    }
  }, 120_000);

  it("appends to an existing merchant, continuing its numbers", async () => {
    const before = await fingerprint(db);
    const appended = await generateDataset(db.orm, {
      ...OPTIONS,
      seed: 43,
      customers: 5,
      invoices: 120,
      usageEvents: 300,
    });
    expect(appended.merchant).toMatchObject({ id: result.merchant.id, created: false });
    expect(appended.counts).toMatchObject({
      merchant: 0,
      product: 0,
      price: 0,
      meter: 0,
      customer: 5,
      invoice: 120,
    });
    const invoices = await one(
      db,
      `select count(*)::int as n, count(distinct number)::int as distinct_numbers, max(substring(number from '[0-9]+$')::int) as hi
       from invoice where merchant_id = ?`,
      [merchantId],
    );
    expect(invoices).toEqual({ n: 620, distinct_numbers: 620, hi: 620 });
    const merchant = await one(db, `select last_invoice_number from merchant where id = ?`, [merchantId]);
    expect(merchant.last_invoice_number).toBe(620);
    // The new invoices went to the new customers only.
    const spread = await one(
      db,
      `select count(distinct i.customer_id)::int as customers from invoice i
       join customer c on c.id = i.customer_id where substring(c.external_id from 7)::int >= 20`,
    );
    expect(spread.customers).toBeGreaterThan(0);
    expect(before.invoice).not.toEqual((await fingerprint(db)).invoice);
  }, 120_000);

  it("stops cleanly between two statements when aborted", async () => {
    const controller = new AbortController();
    const stopped = await generateDataset(
      db.orm,
      { ...OPTIONS, merchant: "gen-abort", signal: controller.signal },
      ({ table, done }) => {
        if (table === "invoice" && done > 0) controller.abort();
      },
    );
    expect(stopped.interrupted).toBe(true);
    expect(stopped.counts.invoice).toBe(150);
    expect(stopped.counts.usage_event).toBe(0);
    const merchant = await one(db, `select id, last_invoice_number from merchant where slug = 'gen-abort'`);
    const invoices = await one(db, `select count(*)::int as n from invoice where merchant_id = ?`, [
      merchant.id,
    ]);
    expect(invoices.n).toBe(150);
    expect(merchant.last_invoice_number).toBe(150);
  }, 120_000);
});

describe("eventChunks", () => {
  it("covers every event once, in whole days when they fit", () => {
    for (const [total, days, max] of [
      [10_000_000, 90, 100_000],
      [2000, 90, 1500],
      [50, 90, 10],
      [1_000_000, 90, 1000],
      [7, 90, 1],
    ] as const) {
      const chunks = eventChunks(total, days, max);
      let next = 1;
      for (const [lo, hi] of chunks) {
        expect(lo).toBe(next);
        expect(hi).toBeGreaterThanOrEqual(lo);
        next = hi + 1;
      }
      expect(next).toBe(total + 1);
    }
    // 10 M events over 90 days: one statement per day, never a split day.
    expect(eventChunks(10_000_000, 90, 100_000)).toHaveLength(90);
  });
});
