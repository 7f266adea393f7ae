import type { MikroORM } from "@mikro-orm/postgresql";
import type { ClientBase, QueryResultRow } from "pg";
import {
  BANKS,
  CARD_BRANDS,
  CITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  GEN_METERED_PRICES,
  GEN_METERS,
  GEN_PLANS,
  GEN_PRODUCTS,
  GEN_TAX_RATE,
  type GenMeterKey,
} from "./catalog.js";
import {
  derivePublicId,
  literal,
  num,
  numberedSql,
  pick,
  pickText,
  publicIdSql,
  uniform,
  uuidSql,
  uuidV7Sql,
} from "./sql.js";

/**
 * Large synthetic data for benchmarks, generated inside PostgreSQL: every table is filled
 * by batched `INSERT … SELECT … FROM generate_series(a, b)` statements whose "random"
 * values are hashes of (seed, row number), so a batch costs one round trip, the data is
 * the same for the same seed, and the statements run unchanged on PGlite and on a server.
 *
 * Shape of the data (see docs/benchmarks.md):
 * - customers join over ~3 years (20 % at the start, the rest linearly), each with a
 *   default card (30 % also a bank account), one subscription (plan, seats, status) and,
 *   for ~half of the live ones, two metered items;
 * - invoice i is issued at start + i/N of the 3 years, so numbers follow issue time, to
 *   a customer drawn with a power law among the customers that exist by then: the oldest
 *   customers get thousands of invoices (keyset pagination at depth), the newest a few;
 *   1–3 lines, paid / open / overdue / void / uncollectible by age, a succeeded payment per
 *   paid invoice and a failed one per overdue or uncollectible automatic invoice;
 * - usage events over the last 90 days for the usage customers (same power law), with
 *   daily UsageAggregate rows written by the same statement as their events (so they are
 *   equal to the events' sums even after an interruption), then one `period` row per
 *   customer and meter for the subscription's current period.
 *
 * Every statement is atomic and leaves the data consistent (invoice and receipt numbers
 * gap-free, the merchant's counters equal to the last number used), so stopping between
 * two statements (`signal`) is clean. Indexes are all kept, none deferred.
 */

export const GENERATED_TABLES = [
  "merchant",
  "product",
  "price",
  "meter",
  "tax_rate",
  "customer",
  "payment_method",
  "subscription",
  "subscription_item",
  "invoice",
  "invoice_line",
  "payment",
  "usage_event",
  "usage_aggregate",
] as const;
export type GeneratedTable = (typeof GENERATED_TABLES)[number];

export interface GenerateOptions {
  customers: number;
  invoices: number;
  usageEvents: number;
  /** Rows of the driving table per statement (customers, invoices); usage events use 10×. */
  batchSize?: number;
  /** Same seed (and merchant slug and asOf) → same data. */
  seed?: number;
  /** Slug of the merchant to append to; created when missing. Default `bench-<timestamp>`. */
  merchant?: string;
  /** "Now" of the data set: invoices span the 3 years before it, usage the 90 days before it. Default: start of today (UTC). */
  asOf?: Date;
  /** Abort between two statements (SIGINT); the data stays consistent. */
  signal?: AbortSignal;
}

export interface GenerateProgress {
  table: GeneratedTable;
  done: number;
  /** Exact for driving tables, an estimate for dependent ones until their phase ends. */
  total: number;
}

export interface GenerateResult {
  merchant: { id: string; slug: string; publicId: string; created: boolean };
  /** Rows inserted by this run, per table. */
  counts: Record<GeneratedTable, number>;
  /**
   * Seconds from the start of each table's phase to its last insert. Tables filled by the
   * same statements (customers with their payment methods and subscriptions; invoices with
   * lines and payments; usage events with their daily aggregates) share their time.
   */
  tableSeconds: Record<GeneratedTable, number>;
  totalRows: number;
  seconds: number;
  interrupted: boolean;
  seed: number;
  asOf: Date;
}

export const DEFAULT_BATCH_SIZE = 10_000;
const DAY = 86_400;
/** Invoices span this many days before asOf. */
const INVOICE_SPAN_DAYS = 1095;
/** Usage events cover this many days before asOf's day. */
const USAGE_DAYS = 90;
/** Power-law exponent of the customer draw: with 10 000 customers the first gets ~1.5 % of all invoices. */
const SKEW = 2.2;
const EVENTS_PER_BATCH_FACTOR = 10;

interface Merchant {
  id: string;
  slug: string;
  publicId: string;
  created: boolean;
}

interface Catalog {
  planPriceIds: string[];
  meterIds: Record<GenMeterKey, string>;
  meteredPriceIds: Record<GenMeterKey, string>;
  taxRateId: string;
}

export async function generateDataset(
  orm: MikroORM,
  options: GenerateOptions,
  onProgress?: (progress: GenerateProgress) => void,
): Promise<GenerateResult> {
  const opts = normalizeOptions(options);
  // One pinned connection: the session keeps the generator's temp tables, and PGlite
  // (one query at a time) never sees a second connection waiting on this one.
  const knexClient = orm.em.getKnex().client as {
    acquireConnection(): Promise<ClientBase>;
    releaseConnection(connection: ClientBase): Promise<void>;
  };
  const conn = await knexClient.acquireConnection();
  try {
    // JIT compiles these long expression lists for seconds per statement and then saves
    // nothing (measured: 10 s → 2.4 s for 5 000 invoices on PostgreSQL 15). PGlite has none.
    await conn.query("set time zone 'UTC'");
    await conn.query("set jit = off");
    // Room for the per-statement sorts and hashes (the daily aggregates' sort spilled at 4 MB).
    await conn.query("set work_mem = '64MB'");
    return await new Generator(conn, opts, onProgress ?? (() => {})).run();
  } finally {
    // Hand the session back as it was found; a failure here must not hide the real error.
    await conn
      .query(
        "drop table if exists pg_temp.gen_customer, pg_temp.gen_usage; reset time zone; reset jit; reset work_mem",
      )
      .catch(() => undefined);
    await knexClient.releaseConnection(conn);
  }
}

type NormalizedOptions = Required<Omit<GenerateOptions, "signal" | "merchant">> & {
  merchant: string;
  signal?: AbortSignal;
};

export function normalizeOptions(options: GenerateOptions): NormalizedOptions {
  const int = (name: string, value: number | undefined, min: number, fallback?: number) => {
    const v = value ?? fallback;
    if (v === undefined || !Number.isSafeInteger(v) || v < min) {
      throw new Error(`${name} must be an integer ≥ ${min} (got ${String(value)})`);
    }
    return v;
  };
  const asOf = options.asOf ?? new Date(Math.floor(Date.now() / (DAY * 1000)) * DAY * 1000);
  if (Number.isNaN(asOf.getTime())) throw new Error("asOf is not a valid date");
  const merchant = options.merchant ?? `bench-${Math.floor(Date.now() / 1000)}`;
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(merchant)) {
    throw new Error(`merchant slug must match [a-z0-9][a-z0-9-]{0,62} (got ${merchant})`);
  }
  return {
    customers: int("customers", options.customers, 1),
    invoices: int("invoices", options.invoices, 0),
    usageEvents: int("usageEvents", options.usageEvents, 0),
    batchSize: int("batchSize", options.batchSize, 1, DEFAULT_BATCH_SIZE),
    seed: int("seed", options.seed, 0, 1),
    merchant,
    asOf: new Date(Math.floor(asOf.getTime() / 1000) * 1000),
    signal: options.signal,
  };
}

class Generator {
  private readonly counts = Object.fromEntries(GENERATED_TABLES.map((t) => [t, 0])) as Record<
    GeneratedTable,
    number
  >;
  private readonly totals = Object.fromEntries(GENERATED_TABLES.map((t) => [t, 0])) as Record<
    GeneratedTable,
    number
  >;
  private readonly phaseStart = new Map<GeneratedTable, number>();
  private readonly tableSeconds = Object.fromEntries(GENERATED_TABLES.map((t) => [t, 0])) as Record<
    GeneratedTable,
    number
  >;
  private interrupted = false;

  // Time frame, in epoch seconds.
  private readonly asOf: number;
  private readonly today: number;
  private readonly start: number;
  private readonly span = INVOICE_SPAN_DAYS * DAY;
  private readonly usageStart: number;

  // Set once the merchant is known.
  private merchant!: Merchant;
  private runTag = 0;
  private idBase = "";
  private seedBase = "";
  private seq!: Record<
    "customer" | "payment_method" | "subscription" | "subscription_item" | "invoice" | "payment",
    string
  >;
  private catalog!: Catalog;

  constructor(
    private readonly conn: ClientBase,
    private readonly opts: NormalizedOptions,
    private readonly onProgress: (progress: GenerateProgress) => void,
  ) {
    this.asOf = Math.floor(opts.asOf.getTime() / 1000);
    this.today = Math.floor(this.asOf / DAY) * DAY;
    this.start = this.asOf - this.span;
    this.usageStart = this.today - USAGE_DAYS * DAY;
  }

  async run(): Promise<GenerateResult> {
    const t0 = performance.now();
    await this.prepareMerchant();
    await this.prepareCatalog();
    await this.generateCustomers();
    if (!this.stopped()) await this.generateInvoices();
    if (!this.stopped()) await this.generateUsage();
    if (!this.interrupted) await this.analyze();
    const totalRows = Object.values(this.counts).reduce((a, b) => a + b, 0);
    return {
      merchant: this.merchant,
      counts: { ...this.counts },
      tableSeconds: { ...this.tableSeconds },
      totalRows,
      seconds: (performance.now() - t0) / 1000,
      interrupted: this.interrupted,
      seed: this.opts.seed,
      asOf: this.opts.asOf,
    };
  }

  // ---------------------------------------------------------------- helpers

  private async query<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.conn.query<T>(sql, params)).rows;
  }

  private stopped(): boolean {
    if (this.opts.signal?.aborted) this.interrupted = true;
    return this.interrupted;
  }

  private setTotal(table: GeneratedTable, total: number) {
    if (!this.phaseStart.has(table)) this.phaseStart.set(table, performance.now());
    this.totals[table] = total;
    this.onProgress({ table, done: this.counts[table], total });
  }

  private add(table: GeneratedTable, rows: number) {
    const now = performance.now();
    if (!this.phaseStart.has(table)) this.phaseStart.set(table, now);
    this.tableSeconds[table] = (now - this.phaseStart.get(table)!) / 1000;
    this.counts[table] += rows;
    if (this.totals[table] < this.counts[table]) this.totals[table] = this.counts[table];
    this.onProgress({ table, done: this.counts[table], total: this.totals[table] });
  }

  /** Ends a phase: the dependent tables' estimates become their actual counts. */
  private settle(...tables: GeneratedTable[]) {
    for (const table of tables) this.setTotal(table, this.counts[table]);
  }

  private u(stream: string, keyExpr: string): string {
    return uniform(this.seedBase, stream, keyExpr);
  }

  private publicId(prefix: string, keyExpr: string): string {
    return publicIdSql(this.idBase, prefix, keyExpr);
  }

  private ts(epochExpr: string): string {
    return `to_timestamp(${epochExpr})`;
  }

  // ---------------------------------------------------------------- merchant and catalog

  private async prepareMerchant() {
    const slug = this.opts.merchant;
    let created = false;
    let [row] = await this.query<{ id: string; public_id: string }>(
      `select id, public_id from merchant where slug = $1`,
      [slug],
    );
    if (!row) {
      const publicId = derivePublicId(`portico-gen.${this.opts.seed}`, "mer", slug);
      const createdAt = this.ts(num(this.start - 30 * DAY));
      [row] = await this.query<{ id: string; public_id: string }>(
        `insert into merchant (public_id, slug, name, support_email, created_at, updated_at)
         values ($1, $2, $3, $4, ${createdAt}, ${createdAt})
         on conflict (slug) do nothing returning id, public_id`,
        [publicId, slug, `Bench ${slug}`, `billing@${slug}.example.com`],
      );
      if (!row) throw new Error(`merchant ${slug} appeared while the generator was creating it`);
      created = true;
      this.add("merchant", 1);
    }
    this.merchant = { id: String(row.id), slug, publicId: row.public_id, created };
    // Rows of earlier runs on this merchant keep theirs: this run's ordinals start after them.
    const [tag] = await this.query<{ next: string }>(
      `select coalesce(max(substring(external_id from 7)::bigint) + 1, 0) as next
       from customer where merchant_id = $1 and external_id ~ '^bench_[0-9]+$'`,
      [this.merchant.id],
    );
    this.runTag = Number(tag?.next ?? 0);
    this.idBase = `${this.merchant.publicId}.${this.runTag}.${this.opts.seed}`;
    this.seedBase = `portico-gen.${this.opts.seed}.${this.merchant.publicId}.${this.runTag}`;
    const [seqs] = await this.query<Record<keyof Generator["seq"], string>>(
      `select pg_get_serial_sequence('customer', 'id') as customer,
              pg_get_serial_sequence('payment_method', 'id') as payment_method,
              pg_get_serial_sequence('subscription', 'id') as subscription,
              pg_get_serial_sequence('subscription_item', 'id') as subscription_item,
              pg_get_serial_sequence('invoice', 'id') as invoice,
              pg_get_serial_sequence('payment', 'id') as payment`,
    );
    this.seq = seqs!;
  }

  private async prepareCatalog() {
    const m = this.merchant.id;
    const createdAt = this.ts(num(this.start - 30 * DAY));
    const meterIds = {} as Record<GenMeterKey, string>;
    for (const meter of GEN_METERS) {
      const inserted = await this.query<{ id: string }>(
        `insert into meter (public_id, merchant_id, event_name, display_name, aggregation, unit_label, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, ${createdAt}, ${createdAt})
         on conflict (merchant_id, event_name) do nothing returning id`,
        [
          derivePublicId(this.idBase, "mtr", meter.key),
          m,
          meter.eventName,
          meter.displayName,
          meter.aggregation,
          meter.unitLabel,
        ],
      );
      if (inserted[0]) this.add("meter", 1);
      const [row] = inserted.length
        ? inserted
        : await this.query<{ id: string }>(
            `select id from meter where merchant_id = $1 and event_name = $2`,
            [m, meter.eventName],
          );
      meterIds[meter.key] = String(row!.id);
    }

    const lookupKeys = [...GEN_PLANS.map((p) => p.lookupKey), ...GEN_METERED_PRICES.map((p) => p.lookupKey)];
    const existing = await this.query<{ id: string; lookup_key: string }>(
      `select id, lookup_key from price where merchant_id = $1 and lookup_key = any($2)`,
      [m, lookupKeys],
    );
    const priceIds = new Map(existing.map((r) => [r.lookup_key, String(r.id)]));
    if (priceIds.size < lookupKeys.length) {
      const productIds = new Map<string, string>();
      for (const product of GEN_PRODUCTS) {
        const [row] = await this.query<{ id: string }>(
          `insert into product (public_id, merchant_id, name, description, created_at, updated_at)
           values ($1, $2, $3, $4, ${createdAt}, ${createdAt}) returning id`,
          [derivePublicId(this.idBase, "prod", product.key), m, product.name, product.description],
        );
        productIds.set(product.key, String(row!.id));
        this.add("product", 1);
      }
      const insertPrice = async (key: string, values: unknown[]) => {
        if (priceIds.has(key)) return;
        const [row] = await this.query<{ id: string }>(
          `insert into price (public_id, merchant_id, product_id, currency, type, unit_amount, unit_amount_decimal,
                              "interval", interval_count, meter_id, nickname, lookup_key, created_at, updated_at)
           values ($1, $2, $3, 'USD', $4, $5, $6, $7, 1, $8, $9, $10, ${createdAt}, ${createdAt}) returning id`,
          [derivePublicId(this.idBase, "price", key), m, ...values, key],
        );
        priceIds.set(key, String(row!.id));
        this.add("price", 1);
      };
      for (const plan of GEN_PLANS) {
        await insertPrice(plan.lookupKey, [
          productIds.get(plan.product),
          plan.type,
          plan.unitAmount,
          null,
          plan.interval,
          null,
          plan.nickname,
        ]);
      }
      for (const price of GEN_METERED_PRICES) {
        await insertPrice(price.lookupKey, [
          productIds.get("platform"),
          "metered",
          null,
          price.unitAmountDecimal,
          "month",
          meterIds[price.meter],
          price.nickname,
        ]);
      }
    }

    let [tax] = await this.query<{ id: string }>(
      `select id from tax_rate where merchant_id = $1 and display_name = $2 order by id limit 1`,
      [m, GEN_TAX_RATE.displayName],
    );
    if (!tax) {
      [tax] = await this.query<{ id: string }>(
        `insert into tax_rate (public_id, merchant_id, display_name, rate_ppm, inclusive, country, state, created_at, updated_at)
         values ($1, $2, $3, $4, false, $5, $6, ${createdAt}, ${createdAt}) returning id`,
        [
          derivePublicId(this.idBase, "txr", "sales"),
          m,
          GEN_TAX_RATE.displayName,
          GEN_TAX_RATE.ratePpm,
          GEN_TAX_RATE.country,
          GEN_TAX_RATE.state,
        ],
      );
      this.add("tax_rate", 1);
    }
    this.catalog = {
      planPriceIds: GEN_PLANS.map((p) => priceIds.get(p.lookupKey)!),
      meterIds,
      meteredPriceIds: {
        api: priceIds.get(GEN_METERED_PRICES[0].lookupKey)!,
        compute: priceIds.get(GEN_METERED_PRICES[1].lookupKey)!,
      },
      taxRateId: String(tax!.id),
    };
  }

  // ---------------------------------------------------------------- customers

  /**
   * Per-customer draws and attributes for ordinal `j` (0-based within this run): the FROM
   * clause continuation shared by the customer statements.
   */
  private customerAttributes(): string {
    const C = this.opts.customers;
    // Customer j joins at fraction f(j) of the span (the first 20 % before it starts), early
    // enough for every invoice that may pick it (see invoiceAttributes): margin ≥ one slot.
    const margin = (this.opts.invoices > 0 ? this.span / this.opts.invoices : 0) + 2 * DAY;
    let cumulative = 0;
    const planCase = `(case ${GEN_PLANS.slice(0, -1)
      .map((p, index) => {
        cumulative += p.weight;
        return `when cu.u_plan < ${num(cumulative)} then ${index}`;
      })
      .join(" ")} else ${GEN_PLANS.length - 1} end)`;
    const perSeat = `(${GEN_PLANS.map((p, i) => (p.type === "per_seat" ? `c1.plan = ${i}` : "false")).join(" or ")})`;
    const yearly = `(${GEN_PLANS.map((p, i) => (p.interval === "year" ? `c1.plan = ${i}` : "false")).join(" or ")})`;
    const u = (s: string) => this.u(`customer.${s}`, "j");
    return `
      cross join lateral (select ${u("created")} as u_created, ${u("plan")} as u_plan, ${u("seats")} as u_seats,
        ${u("status")} as u_status, ${u("usage")} as u_usage, ${u("tax")} as u_tax, ${u("pm2")} as u_pm2,
        ${u("brand")} as u_brand, ${u("last4")} as u_last4, ${u("exp")} as u_exp, ${u("coll")} as u_coll,
        ${u("name1")} as u_name1, ${u("name2")} as u_name2, ${u("city")} as u_city, ${u("period")} as u_period,
        ${u("cancel")} as u_cancel, ${u("bank")} as u_bank) cu
      cross join lateral (select
        ${num(this.start)} + greatest(0, ((j + 1)::float8 / ${C} - 0.2) / 0.8) * ${num(this.span)} - ${num(margin)} - floor(cu.u_created * ${DAY}) as created_epoch,
        ${planCase} as plan,
        ${pickText("cu.u_name1", COMPANY_WORDS)} || ' ' || ${pickText("cu.u_name2", COMPANY_SUFFIXES)} as name) c1
      cross join lateral (select
        case when j = 0 then 'active'
             when cu.u_status < 0.78 then case when c1.created_epoch > ${num(this.asOf - 30 * DAY)} then 'trialing' else 'active' end
             when cu.u_status < 0.83 then 'past_due'
             when cu.u_status < 0.86 then 'paused'
             else 'canceled' end as status,
        case when ${perSeat} then 2 + floor(cu.u_seats * 48)::int else 1 end as seats,
        case when ${yearly} then 'year' else 'month' end as plan_interval,
        'billing@' || lower(replace(c1.name, ' ', '-')) || '-' || (${this.runTag} + j) || '.example.com' as email) c2
      cross join lateral (select
        c2.status in ('active', 'past_due', 'trialing') and (j = 0 or cu.u_usage < 0.5) as has_usage,
        cu.u_tax < 0.3 as taxed,
        cu.u_pm2 < 0.3 as has_pm2,
        case when cu.u_coll < 0.15 then 'send_invoice' else 'charge_automatically' end as coll,
        greatest(${num(this.today)} - floor(cu.u_period * case when c2.plan_interval = 'year' then 364 else 28 end) * ${DAY},
                 floor((c1.created_epoch + 3600) / ${DAY}) * ${DAY}) as cps_epoch,
        c1.created_epoch + 3600 as started_epoch) c3`;
  }

  private async generateCustomers() {
    const C = this.opts.customers;
    await this.query(`drop table if exists pg_temp.gen_customer`);
    await this.query(`create temp table gen_customer (
      j int primary key, customer_id bigint not null, sub_id bigint not null, pm_id bigint not null,
      base_item_id bigint not null, base_price_id bigint not null, base_unit_amount bigint not null,
      quantity int not null, base_desc text not null, plan_interval text not null, api_item_id bigint,
      has_usage boolean not null, taxed boolean not null, coll text not null, name text not null,
      email text not null, created_epoch float8 not null, cps timestamptz not null, cpe timestamptz not null)`);
    this.setTotal("customer", C);
    this.setTotal("subscription", C);
    this.setTotal("payment_method", Math.round(C * 1.3));
    this.setTotal("subscription_item", Math.round(C * 1.8));

    const { planPriceIds, meteredPriceIds } = this.catalog;
    const planPrice = pick("s.plan", planPriceIds);
    const planAmount = pick(
      "s.plan",
      GEN_PLANS.map((p) => num(p.unitAmount)),
    );
    const planName = pick(
      "s.plan",
      GEN_PLANS.map((p) => literal(p.nickname)),
    );
    const yearA = new Date(this.asOf * 1000).getUTCFullYear();
    const started = this.ts("s.started_epoch");
    const created = this.ts("s.created_epoch");
    const cps = this.ts("s.cps_epoch");
    const cpe = `(${cps} + case when s.plan_interval = 'year' then interval '1 year' else interval '1 month' end)`;
    const canceledAt = `greatest(${started}, ${this.ts(`${num(this.today)} - floor(s.u_cancel * 30) * ${DAY} + 36000`)})`;
    const pausedAt = `greatest(${started}, ${this.ts(num(this.today - 10 * DAY + 3600))})`;
    const sql = `
      with src as materialized (
        select j, cu.*, c1.*, c2.*, c3.*,
          nextval(${literal(this.seq.customer)}) as customer_id,
          nextval(${literal(this.seq.payment_method)}) as pm_id,
          case when c3.has_pm2 then nextval(${literal(this.seq.payment_method)}) end as pm2_id,
          nextval(${literal(this.seq.subscription)}) as sub_id,
          nextval(${literal(this.seq.subscription_item)}) as base_item_id,
          case when c3.has_usage then nextval(${literal(this.seq.subscription_item)}) end as api_item_id,
          case when c3.has_usage then nextval(${literal(this.seq.subscription_item)}) end as compute_item_id
        from generate_series($1::int, $2::int) j ${this.customerAttributes()}
      ),
      ins_customer as (
        insert into customer (id, public_id, merchant_id, external_id, name, email, address, tax_exempt, locale,
                              currency, balance, gateway_customer_id, created_at, updated_at)
        select s.customer_id, ${this.publicId("cus", "s.j")}, $3::bigint, 'bench_' || (${this.runTag} + s.j), s.name, s.email,
          jsonb_build_object('line1', (100 + floor(s.u_city * 9000)::int) || ' Main Street',
                             'city', ${pickText("s.u_city", CITIES)},
                             'postalCode', lpad(floor(s.u_last4 * 90000 + 10000)::int::text, 5, '0'), 'country', 'US'),
          'none', 'en', 'USD', 0, 'sbx_cus_' || substr(md5(${literal(`${this.idBase}:gcus:`)} || s.j), 1, 20),
          ${created}, ${created}
        from src s
      ),
      ins_pm as (
        insert into payment_method (id, public_id, merchant_id, customer_id, gateway, gateway_token, type, brand, last4,
                                    exp_month, exp_year, holder_name, country, fingerprint, is_default, created_at, updated_at)
        select s.pm_id, ${this.publicId("pm", "s.j * 2")}, $3::bigint, s.customer_id, 'sandbox',
          'sbx_pm_' || substr(md5(${literal(`${this.idBase}:tok:`)} || s.j * 2), 1, 24), 'card',
          ${pickText("s.u_brand", CARD_BRANDS)}, lpad(floor(s.u_last4 * 10000)::int::text, 4, '0'),
          1 + floor(s.u_exp * 12)::int, ${yearA + 1} + floor(s.u_exp * 60)::int % 5, s.name, 'US',
          substr(md5(${literal(`${this.idBase}:fp:`)} || s.j * 2), 1, 16), true,
          ${this.ts("s.created_epoch + 1800")}, ${this.ts("s.created_epoch + 1800")}
        from src s
        union all
        select s.pm2_id, ${this.publicId("pm", "s.j * 2 + 1")}, $3::bigint, s.customer_id, 'sandbox',
          'sbx_pm_' || substr(md5(${literal(`${this.idBase}:tok:`)} || s.j * 2 + 1), 1, 24), 'us_bank_account',
          ${pickText("s.u_bank", BANKS)}, lpad((floor(s.u_bank * 1e7)::bigint % 10000)::text, 4, '0'),
          null, null, s.name, 'US', substr(md5(${literal(`${this.idBase}:fp:`)} || s.j * 2 + 1), 1, 16), false,
          ${this.ts(`s.created_epoch + ${DAY}`)}, ${this.ts(`s.created_epoch + ${DAY}`)}
        from src s where s.has_pm2
      ),
      ins_subscription as (
        insert into subscription (id, public_id, merchant_id, customer_id, status, currency, started_at,
          current_period_start, current_period_end, billing_cycle_anchor, trial_start, trial_end,
          cancel_at_period_end, cancel_at, canceled_at, ended_at, cancellation_reason, paused_at, resume_at,
          pause_behavior, default_payment_method_id, collection_method, days_until_due, created_at, updated_at)
        select s.sub_id, ${this.publicId("sub", "s.j")}, $3::bigint, s.customer_id, s.status, 'USD', ${started},
          ${cps}, ${cpe}, ${started},
          case when s.status = 'trialing' then ${started} end,
          case when s.status = 'trialing' then ${started} + interval '14 days' end,
          s.status = 'active' and s.u_cancel < 0.05,
          case when s.status = 'active' and s.u_cancel < 0.05 then ${cpe} end,
          case when s.status = 'canceled' then ${canceledAt} end,
          case when s.status = 'canceled' then ${canceledAt} end,
          case when s.status = 'canceled' then 'cancellation_requested' end,
          case when s.status = 'paused' then ${pausedAt} end,
          case when s.status = 'paused' then ${this.ts(num(this.today + 20 * DAY))} end,
          case when s.status = 'paused' then 'void' end,
          s.pm_id, s.coll, case when s.coll = 'send_invoice' then 30 end, ${started},
          case s.status when 'canceled' then ${canceledAt} when 'paused' then ${pausedAt} else ${started} end
        from src s
      ),
      ins_item as (
        insert into subscription_item (id, public_id, merchant_id, subscription_id, price_id, quantity, created_at, updated_at)
        select s.base_item_id, ${this.publicId("si", "s.j * 3")}, $3::bigint, s.sub_id, ${planPrice}, s.seats, ${started}, ${started} from src s
        union all
        select s.api_item_id, ${this.publicId("si", "s.j * 3 + 1")}, $3::bigint, s.sub_id, ${meteredPriceIds.api}, 1, ${started}, ${started} from src s where s.has_usage
        union all
        select s.compute_item_id, ${this.publicId("si", "s.j * 3 + 2")}, $3::bigint, s.sub_id, ${meteredPriceIds.compute}, 1, ${started}, ${started} from src s where s.has_usage
      ),
      ins_gen as (
        insert into gen_customer
        select s.j, s.customer_id, s.sub_id, s.pm_id, s.base_item_id, ${planPrice}, ${planAmount}, s.seats,
          ${planName} || case when s.seats > 1 then ' × ' || s.seats || ' seats' else '' end, s.plan_interval,
          s.api_item_id, s.has_usage, s.taxed, s.coll, s.name, s.email, s.created_epoch, ${cps}, ${cpe}
        from src s
      )
      select count(*)::int as customers, count(*) filter (where has_pm2)::int as pm2,
             count(*) filter (where has_usage)::int as usage from src`;
    for (let lo = 0; lo < C; lo += this.opts.batchSize) {
      if (this.stopped()) return;
      const hi = Math.min(C, lo + this.opts.batchSize) - 1;
      const [r] = await this.query<{ customers: number; pm2: number; usage: number }>(sql, [
        lo,
        hi,
        this.merchant.id,
      ]);
      this.add("customer", r!.customers);
      this.add("subscription", r!.customers);
      this.add("payment_method", r!.customers + r!.pm2);
      this.add("subscription_item", r!.customers + 2 * r!.usage);
    }
    this.settle("customer", "subscription", "payment_method", "subscription_item");
    await this.query(`analyze gen_customer`);
  }

  // ---------------------------------------------------------------- invoices, lines, payments

  /** Per-invoice draws for ordinal `i` (1-based): issue time, customer, status, line count. */
  private invoiceAttributes(): string {
    const N = this.opts.invoices;
    const C = this.opts.customers;
    const u = (s: string) => this.u(`invoice.${s}`, "i");
    return `
      cross join lateral (select ${u("time")} as u_t, ${u("customer")} as u_c, ${u("status")} as u_s,
        ${u("lines")} as u_l, ${u("pay")} as u_p) iu
      cross join lateral (select
        ${num(this.start)} + floor(${num(this.span)}::float8 * (i - 1) / ${N}) + floor(iu.u_t * ${num(this.span / N)}) as t,
        greatest(1, least(${C}, floor(${C} * (0.2 + 0.8 * (i - 0.5) / ${N}))))::int as ct) i1
      cross join lateral (select
        least(i1.ct - 1, floor(i1.ct * power(iu.u_c, ${SKEW})))::int as j,
        ${num(this.asOf)} - i1.t as age,
        1 + floor(iu.u_l * 3)::int as nlines) i2
      cross join lateral (select case
        when i2.age < ${30 * DAY} then case when iu.u_s < 0.9 * least(1.0, i2.age / ${7 * DAY}.0) then 'paid' else 'open' end
        when iu.u_s < 0.92 then 'paid'
        when iu.u_s < 0.94 then 'open'
        when iu.u_s < 0.98 then 'void'
        when i2.age >= ${60 * DAY} then 'uncollectible'
        else 'open' end as status) i3`;
  }

  private invoiceSql(): string {
    const { taxRateId, meteredPriceIds } = this.catalog;
    const ratePpm = GEN_TAX_RATE.ratePpm;
    const issued = this.ts("s.t");
    const paidAt = this.ts(`s.t + floor(s.u_p * least(s.age, ${3 * DAY}))`);
    const voidedAt = this.ts(`s.t + floor(s.u_p * least(s.age, ${20 * DAY}))`);
    const uncollectibleAt = this.ts(`s.t + ${60 * DAY}`);
    const failedAt = this.ts("s.t + 3600");
    const number = numberedSql("m.prefix", "m.inv_base + s.i - $1 + 1");
    const receipt = numberedSql("m.prefix || '-R'", "m.rcpt_base + s.rcpt_rank");
    const overdue = `(s.status = 'open' and s.age >= ${30 * DAY})`;
    return `
      with base as (
        select i, i1.t, i2.j, i2.age, i2.nlines, i3.status, iu.u_p, g.customer_id, g.sub_id, g.pm_id, g.base_item_id,
          g.base_price_id, g.base_unit_amount, g.quantity, g.base_desc, g.plan_interval, g.api_item_id, g.taxed, g.coll,
          g.name, g.email,
          i3.status = 'paid' or (g.coll = 'charge_automatically' and (i3.status = 'uncollectible'
            or (i3.status = 'open' and i2.age >= ${30 * DAY}))) as has_payment
        from generate_series($1::bigint, $2::bigint) i ${this.invoiceAttributes()}
        join gen_customer g on g.j = i2.j
      ),
      src as materialized (
        select b.*, nextval(${literal(this.seq.invoice)}) as inv_id,
          case when b.has_payment then nextval(${literal(this.seq.payment)}) end as pay_id,
          sum(case when b.status = 'paid' then 1 else 0 end) over (order by b.i) as rcpt_rank
        from base b
      ),
      cnt as (select count(*) as n, count(*) filter (where status = 'paid') as paid from src),
      m as (
        update merchant set last_invoice_number = merchant.last_invoice_number + cnt.n,
                            last_receipt_number = merchant.last_receipt_number + cnt.paid
        from cnt where merchant.id = $3::bigint
        returning merchant.last_invoice_number - cnt.n as inv_base, merchant.last_receipt_number - cnt.paid as rcpt_base,
                  merchant.invoice_number_prefix as prefix
      ),
      lines as materialized (
        select s.i, s.inv_id, k, l1.type, l2.*,
          case when s.taxed then round(l2.amount * ${ratePpm}::numeric / 1000000)::bigint else 0 end as tax
        from src s
        cross join generate_series(1, s.nlines) k
        cross join lateral (select ${this.u("line.quantity", "s.i * 4 + k")} as u_q,
          case when k = 1 then 'subscription' when k = 2 and s.api_item_id is not null then 'usage' else 'one_off' end as type) l1
        cross join lateral (select
          case l1.type when 'subscription' then s.quantity::numeric when 'usage' then (100 + floor(l1.u_q * 40000))::numeric
               else (1 + floor(l1.u_q * case when k = 2 then 5 else 8 end))::numeric end as quantity,
          case l1.type when 'subscription' then s.base_unit_amount when 'usage' then null
               else case when k = 2 then 500 else 15000 end end as unit_amount,
          case when l1.type = 'usage' then ${literal(GEN_METERED_PRICES[0].unitAmountDecimal)}::numeric end as unit_amount_decimal,
          case l1.type when 'subscription' then s.base_unit_amount * s.quantity
               when 'usage' then round((100 + floor(l1.u_q * 40000))::numeric * ${GEN_METERED_PRICES[0].unitAmountDecimal})::bigint
               else (1 + floor(l1.u_q * case when k = 2 then 5 else 8 end))::bigint * case when k = 2 then 500 else 15000 end
          end as amount,
          case l1.type when 'subscription' then s.base_desc when 'usage' then ${literal(GEN_METERED_PRICES[0].nickname)}
               else case when k = 2 then 'Extra storage (100 GB)' else 'Professional services (hours)' end end as description,
          case l1.type when 'subscription' then s.base_price_id when 'usage' then ${meteredPriceIds.api}::bigint end as price_id,
          case l1.type when 'subscription' then s.base_item_id when 'usage' then s.api_item_id end as item_id,
          l1.type in ('subscription', 'usage') as on_subscription) l2
      ),
      tot as (select i, sum(amount)::bigint as subtotal, sum(tax)::bigint as tax from lines group by i),
      ins_invoice as (
        insert into invoice (id, public_id, merchant_id, customer_id, subscription_id, number, status, billing_reason,
          collection_method, currency, subtotal, discount_total, tax_total, total, starting_balance, ending_balance,
          wallet_credit_applied, amount_due, amount_paid, amount_remaining, amount_credited, period_start, period_end,
          issued_at, due_at, paid_at, voided_at, marked_uncollectible_at, auto_advance, attempt_count,
          next_payment_attempt_at, latest_payment_id, customer_name, customer_email, created_at, updated_at)
        select s.inv_id, ${this.publicId("in", "s.i")}, $3::bigint, s.customer_id, s.sub_id, ${number}, s.status,
          'subscription_cycle', s.coll, 'USD', t.subtotal, 0, t.tax, t.subtotal + t.tax, 0, 0, 0, t.subtotal + t.tax,
          case when s.status = 'paid' then t.subtotal + t.tax else 0 end,
          case when s.status = 'paid' then 0 else t.subtotal + t.tax end, 0,
          ${issued} - case when s.plan_interval = 'year' then interval '1 year' else interval '1 month' end, ${issued},
          ${issued}, ${issued} + interval '30 days',
          case when s.status = 'paid' then ${paidAt} end,
          case when s.status = 'void' then ${voidedAt} end,
          case when s.status = 'uncollectible' then ${uncollectibleAt} end,
          s.status not in ('void', 'uncollectible'),
          case when s.status = 'paid' and s.coll = 'charge_automatically' then 1
               when s.status = 'uncollectible' and s.has_payment then 4
               when s.has_payment and s.status = 'open' then 1 + floor(s.u_p * 3)::int else 0 end,
          case when ${overdue} and s.coll = 'charge_automatically' then ${this.ts(`${num(this.today)} + ${DAY} * (1 + floor(s.u_p * 3))`)} end,
          s.pay_id, s.name, s.email, ${issued} - interval '1 hour',
          greatest(${issued}, case when s.status = 'paid' then ${paidAt} end, case when s.status = 'void' then ${voidedAt} end,
                   case when s.status = 'uncollectible' then ${uncollectibleAt} end)
        from src s join tot t on t.i = s.i cross join m
      ),
      ins_line as (
        insert into invoice_line (public_id, merchant_id, invoice_id, type, subscription_id, subscription_item_id, price_id,
          description, quantity, unit_amount, unit_amount_decimal, amount, discount_amount, tax_amount, tax_rate_id,
          period_start, period_end, created_at, updated_at)
        select ${this.publicId("il", "l.i * 4 + l.k")}, $3::bigint, l.inv_id, l.type, case when l.on_subscription then s.sub_id end,
          l.item_id, l.price_id, l.description, l.quantity, l.unit_amount, l.unit_amount_decimal, l.amount, 0, l.tax,
          case when s.taxed then ${taxRateId}::bigint end,
          ${issued} - case when s.plan_interval = 'year' then interval '1 year' else interval '1 month' end, ${issued},
          ${issued} - interval '1 hour', ${issued} - interval '1 hour'
        from lines l join src s on s.i = l.i
      ),
      ins_payment as (
        insert into payment (id, public_id, merchant_id, customer_id, purpose, invoice_id, payment_method_id, amount, currency,
          status, failure_code, failure_message, idempotency_key, request_hash, gateway, gateway_reference, receipt_number,
          description, succeeded_at, failed_at, created_at, updated_at)
        select s.pay_id, ${this.publicId("py", "s.i")}, $3::bigint, s.customer_id, 'invoice', s.inv_id, s.pm_id, t.subtotal + t.tax, 'USD',
          case when s.status = 'paid' then 'succeeded' else 'failed' end,
          case when s.status <> 'paid' then 'card_declined' end,
          case when s.status <> 'paid' then 'Your card was declined.' end,
          ${uuidSql(this.idBase, "pay", "s.i")},
          encode(sha256(convert_to(${literal(`${this.idBase}:req:`)} || s.i, 'UTF8')), 'hex'), 'sandbox',
          'sbx_ch_' || substr(md5(${literal(`${this.idBase}:ch:`)} || s.i), 1, 24),
          case when s.status = 'paid' then ${receipt} end,
          'Payment for invoice ' || ${number},
          case when s.status = 'paid' then ${paidAt} end,
          case when s.status <> 'paid' then ${failedAt} end,
          case when s.status = 'paid' then ${paidAt} - interval '2 seconds' else ${failedAt} - interval '2 seconds' end,
          case when s.status = 'paid' then ${paidAt} else ${failedAt} end
        from src s join tot t on t.i = s.i cross join m
        where s.has_payment
      )
      select (select n from cnt)::int as invoices, (select count(*) from lines)::int as lines,
             (select count(*) from src where has_payment)::int as payments`;
  }

  private async generateInvoices() {
    const N = this.opts.invoices;
    this.setTotal("invoice", N);
    this.setTotal("invoice_line", N * 2);
    this.setTotal("payment", Math.round(N * 0.93));
    if (N === 0) return;
    const sql = this.invoiceSql();
    for (let lo = 1; lo <= N; lo += this.opts.batchSize) {
      if (this.stopped()) return;
      const hi = Math.min(N, lo + this.opts.batchSize - 1);
      const [r] = await this.query<{ invoices: number; lines: number; payments: number }>(sql, [
        lo,
        hi,
        this.merchant.id,
      ]);
      this.add("invoice", r!.invoices);
      this.add("invoice_line", r!.lines);
      this.add("payment", r!.payments);
    }
    this.settle("invoice", "invoice_line", "payment");
    // Invoice ids grow with issue time, so the highest is each subscription's latest.
    await this.query(
      `update subscription s set latest_invoice_id = x.latest
       from (select subscription_id, max(id) as latest from invoice
             where subscription_id in (select sub_id from gen_customer) group by subscription_id) x
       where s.id = x.subscription_id`,
    );
  }

  // ---------------------------------------------------------------- usage events and aggregates

  private async generateUsage() {
    const E = this.opts.usageEvents;
    this.setTotal("usage_event", E);
    if (E === 0) return;
    await this.query(`drop table if exists pg_temp.gen_usage`);
    await this.query(
      `create temp table gen_usage as
       select (row_number() over (order by j) - 1)::int as k, customer_id, sub_id, cps, cpe
       from gen_customer where has_usage and created_epoch < $1`,
      [this.usageStart],
    );
    await this.query(`alter table gen_usage add primary key (k)`);
    await this.query(`analyze gen_usage`);
    const [{ k: K } = { k: 0 }] = await this.query<{ k: number }>(`select count(*)::int as k from gen_usage`);
    if (K === 0) throw new Error("no customer qualifies for usage events");
    this.setTotal("usage_aggregate", Math.min(E, K * GEN_METERS.length * USAGE_DAYS) + K * GEN_METERS.length);

    const m = this.merchant.id;
    const D = USAGE_DAYS;
    const u = (s: string) => this.u(`usage.${s}`, "e");
    const meterId = pick(
      "ev.mi",
      [this.catalog.meterIds.api, this.catalog.meterIds.compute].map((id) => `${id}::bigint`),
    );
    const eventName = pick(
      "ev.mi",
      GEN_METERS.map((mt) => literal(mt.eventName)),
    );
    // Event e belongs to day d = ceil(D·e / E) − 1 and is spread evenly inside it.
    const sql = `
      with ev as materialized (
        select e, e1.d, e3.k, e3.mi, e3.t, e3.t + floor(eu.u_l * 5000) / 1000 as ingested,
          case when e3.mi = 0 then 1 else round((0.5 + eu.u_v * 59.5)::numeric, 2) end as value
        from generate_series($1::bigint, $2::bigint) e
        cross join lateral (select ((${D}::bigint * e - 1) / ${E})::int as d) e1
        cross join lateral (select ${E}::bigint * e1.d / ${D} + 1 as lo_d, ${E}::bigint * (e1.d + 1) / ${D} as hi_d) e2
        cross join lateral (select ${u("time")} as u_t, ${u("customer")} as u_c, ${u("meter")} as u_m,
          ${u("value")} as u_v, ${u("lag")} as u_l) eu
        cross join lateral (select
          ${num(this.usageStart)} + e1.d * ${DAY} + ((e - e2.lo_d) + eu.u_t) / (e2.hi_d - e2.lo_d + 1) * ${DAY} as t,
          least(${K} - 1, floor(${K} * power(eu.u_c, ${SKEW})))::int as k,
          case when eu.u_m < 0.6 then 0 else 1 end as mi) e3
      ),
      ins_event as (
        insert into usage_event (merchant_id, customer_id, meter_id, event_name, idempotency_key, value, occurred_at, ingested_at)
        select $3::bigint, g.customer_id, ${meterId}, ${eventName}, ${uuidV7Sql(this.idBase, "ue", "ev.e", "ev.t")}, ev.value,
          to_timestamp(ev.t), to_timestamp(ev.ingested)
        from ev join gen_usage g on g.k = ev.k
      ),
      ins_aggregate as (
        insert into usage_aggregate (merchant_id, customer_id, meter_id, subscription_id, granularity, period_start,
          period_end, value, event_count, created_at, updated_at)
        select $3::bigint, g.customer_id, ${meterId}, g.sub_id, 'day', to_timestamp(${num(this.usageStart)} + ev.d * ${DAY}),
          to_timestamp(${num(this.usageStart)} + (ev.d + 1) * ${DAY}), sum(ev.value), count(*),
          min(to_timestamp(ev.ingested)), max(to_timestamp(ev.ingested))
        from ev join gen_usage g on g.k = ev.k
        group by g.customer_id, g.sub_id, ev.mi, ev.d
        on conflict (customer_id, meter_id, granularity, period_start) do update
          set value = usage_aggregate.value + excluded.value,
              event_count = usage_aggregate.event_count + excluded.event_count,
              updated_at = greatest(usage_aggregate.updated_at, excluded.updated_at)
        returning xmax = 0 as inserted
      )
      select (select count(*) from ev)::int as events,
             (select count(*) from ins_aggregate where inserted)::int as aggregates`;

    for (const [lo, hi] of eventChunks(E, D, this.opts.batchSize * EVENTS_PER_BATCH_FACTOR)) {
      if (this.stopped()) break;
      const [r] = await this.query<{ events: number; aggregates: number }>(sql, [lo, hi, m]);
      this.add("usage_event", r!.events);
      this.add("usage_aggregate", r!.aggregates);
    }
    this.settle("usage_event");
    // The current period's running total, from the day rows (cps is a UTC midnight). Cheap,
    // so it runs after an interruption too: aggregates always match the events present.
    const [p] = await this.query<{ inserted: number }>(
      `with upserted as (
         insert into usage_aggregate (merchant_id, customer_id, meter_id, subscription_id, granularity, period_start,
           period_end, value, event_count, created_at, updated_at)
         select $1::bigint, a.customer_id, a.meter_id, g.sub_id, 'period', g.cps, g.cpe, sum(a.value), sum(a.event_count),
           min(a.created_at), max(a.updated_at)
         from gen_usage g
         join usage_aggregate a on a.customer_id = g.customer_id and a.granularity = 'day'
           and a.period_start >= g.cps and a.period_start < g.cpe
         group by a.customer_id, a.meter_id, g.sub_id, g.cps, g.cpe
         on conflict (customer_id, meter_id, granularity, period_start) do update
           set value = excluded.value, event_count = excluded.event_count, updated_at = excluded.updated_at
         returning xmax = 0 as inserted)
       select count(*) filter (where inserted)::int as inserted from upserted`,
      [m],
    );
    this.add("usage_aggregate", p!.inserted);
    this.settle("usage_aggregate");
  }

  private async analyze() {
    const touched = GENERATED_TABLES.filter((t) => this.counts[t] > 0);
    if (touched.length) await this.query(`analyze ${touched.map((t) => `"${t}"`).join(", ")}`);
  }
}

/**
 * Event ordinal ranges for the statements: whole days, as many as fit in `max` events (at
 * least one), so each daily aggregate row is written once. Only a day of more than 4 × `max`
 * events is split, its aggregates then upserted piece by piece.
 */
export function eventChunks(total: number, days: number, max: number): [number, number][] {
  const chunks: [number, number][] = [];
  const dayEnd = (d: number) => Math.floor((total * (d + 1)) / days);
  let lo = 1;
  for (let d = 0; d < days; d++) {
    const start = Math.floor((total * d) / days) + 1;
    const end = dayEnd(d);
    if (end < start) continue;
    if (end - start + 1 > 4 * max) {
      if (start > lo) chunks.push([lo, start - 1]);
      for (let a = start; a <= end; a += max) chunks.push([a, Math.min(end, a + max - 1)]);
      lo = end + 1;
      continue;
    }
    const next = d + 1 < days ? dayEnd(d + 1) - end : 0;
    if (d + 1 === days || end - lo + 1 + next > max) {
      chunks.push([lo, end]);
      lo = end + 1;
    }
  }
  return chunks;
}
