import { verify } from "@node-rs/argon2";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiKey,
  Customer,
  CustomerUser,
  Document,
  Invoice,
  Merchant,
  MerchantUser,
  Payment,
  PaymentMethod,
  PortalConfiguration,
  Price,
  Product,
  RetentionOffer,
  StoredFile,
  Subscription,
  UsageEvent,
  Wallet,
  WalletTransaction,
} from "../entities/index.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { checkPdfStructure } from "./pdf-structure.js";
import { seedDemo, type DemoSummary } from "./index.js";

/** A fixed clock in the past (so wall-clock leaks show), whose 60-day usage window spans Feb 29. */
const NOW = new Date("2024-03-14T13:45:00.000Z");
const DAY = 86_400_000;

const sha256Hex = (value: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(value)));

type Row = Record<string, unknown>;

async function sql<T extends Row = Row>(
  db: TestDatabase,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  return db.em().getConnection().execute<T[]>(query, params);
}

/** Row count of every table of the schema (migrations bookkeeping excluded). */
async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>(
    db,
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations'
      order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await sql<{ n: number }>(db, `select count(*)::int as n from "${table_name}"`);
    counts[table_name] = row!.n;
  }
  return counts;
}

/** What two seeds with the same clock must agree on (public ids and hashes are random). */
async function fingerprint(db: TestDatabase): Promise<unknown> {
  return {
    counts: await tableCounts(db),
    invoices: await sql(
      db,
      `select number, status, total, amount_due, amount_paid, amount_remaining, issued_at from invoice order by number nulls last, id`,
    ),
    payments: await sql(
      db,
      `select status, amount, failure_code, idempotency_key, receipt_number from payment order by idempotency_key`,
    ),
    usage: await sql(
      db,
      `select idempotency_key, value::float8 as value, occurred_at from usage_event order by idempotency_key`,
    ),
  };
}

describe("demo seed", () => {
  let db: TestDatabase;
  let first: DemoSummary;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await seedDemo(db.orm, { now: NOW });
  }, 120_000);
  afterAll(() => db?.close());

  it("reports the merchant, the demo logins and a new sandbox key", () => {
    expect(first.created).toBe(true);
    expect(first.merchant).toEqual({ name: "Acme Cloud", slug: "acme" });
    expect(first.logins.filter((l) => l.surface === "console").map((l) => l.email)).toEqual([
      "owner@acme.test",
      "admin@acme.test",
      "support@acme.test",
    ]);
    expect(first.logins.filter((l) => l.surface === "portal").length).toBeGreaterThanOrEqual(6);
    expect(first.apiKey.value).toMatch(/^sk_test_[a-z2-7]{32}$/);
    expect(first.apiKey.prefix).toBe(first.apiKey.value!.slice(0, 12));
  });

  it("creates console users whose passwords verify with argon2id", async () => {
    const em = db.em();
    const users = await em.find(MerchantUser, {}, { orderBy: { id: "asc" } });
    expect(users.map((u) => u.role).sort()).toEqual(["admin", "owner", "support"]);
    const owner = users.find((u) => u.role === "owner")!;
    expect(owner.email).toBe("owner@acme.test");
    expect(owner.passwordHash).toMatch(/^\$argon2id\$/);
    const ownerLogin = first.logins.find((l) => l.email === "owner@acme.test")!;
    expect(await verify(owner.passwordHash!, ownerLogin.password)).toBe(true);
    expect(await verify(owner.passwordHash!, "wrong password")).toBe(false);
    const portalUser = await em.findOneOrFail(CustomerUser, { email: "billing@northwind.test" });
    const portalLogin = first.logins.find((l) => l.email === "billing@northwind.test")!;
    expect(await verify(portalUser.passwordHash!, portalLogin.password)).toBe(true);
  });

  it("builds the catalog: 3 products, monthly / yearly / per-seat / metered prices, coupon, tax rate", async () => {
    const em = db.em();
    expect(await em.count(Product, {})).toBe(3);
    const prices = await em.find(Price, {});
    expect(prices.length).toBeGreaterThanOrEqual(5);
    expect(new Set(prices.map((p) => p.type))).toEqual(new Set(["flat", "per_seat", "metered"]));
    expect(new Set(prices.map((p) => p.interval))).toEqual(new Set(["month", "year"]));
    const metered = prices.find((p) => p.type === "metered")!;
    expect(metered.tiersMode).toBe("graduated");
    expect(metered.tiers!.length).toBeGreaterThan(1);
    expect(metered.meter).toBeTruthy();
    const [coupons, taxRates] = await Promise.all([
      sql<{ n: number }>(db, `select count(*)::int as n from coupon`),
      sql<{ n: number }>(db, `select count(*)::int as n from tax_rate`),
    ]);
    expect(coupons[0]!.n).toBeGreaterThanOrEqual(1);
    expect(taxRates[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it("has customers in every state, each with a portal admin", async () => {
    const em = db.em();
    const customers = await em.find(Customer, {});
    expect(customers.length).toBeGreaterThanOrEqual(6);
    const subscriptions = await em.find(Subscription, {});
    const statuses = new Set(subscriptions.map((s) => s.status));
    for (const status of ["active", "trialing", "past_due", "paused", "canceled"] as const)
      expect(statuses).toContain(status);
    expect(subscriptions.some((s) => s.status === "active" && s.cancelAtPeriodEnd && s.cancelAt)).toBe(true);
    const paused = subscriptions.find((s) => s.status === "paused")!;
    expect(paused.resumeAt!.getTime()).toBeGreaterThan(NOW.getTime());

    const withSubscription = new Set(subscriptions.map((s) => s.customer.id));
    const creditsOnly = customers.filter((c) => !withSubscription.has(c.id));
    expect(creditsOnly.length).toBeGreaterThanOrEqual(1);
    const wallets = await em.find(Wallet, { customer: creditsOnly.map((c) => c.id) });
    expect(wallets.some((w) => w.balance > 0)).toBe(true);

    const users = await em.find(CustomerUser, {});
    for (const customer of customers) {
      expect(users.some((u) => u.customer.id === customer.id && u.role === "admin")).toBe(true);
    }
    expect(users.some((u) => u.role === "member")).toBe(true);

    const pastDue = subscriptions.find((s) => s.status === "past_due")!;
    const overdue = await em.find(Invoice, {
      customer: pastDue.customer.id,
      status: "open",
      dueAt: { $lt: NOW },
    });
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    const failed = await em.find(Payment, { invoice: overdue[0]!.id, status: "failed" });
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });

  it("writes at least 30 invoices, in every status, whose amounts add up", async () => {
    const em = db.em();
    const invoices = await em.find(Invoice, {}, { populate: ["lines"] });
    expect(invoices.length).toBeGreaterThanOrEqual(30);
    expect(new Set(invoices.map((i) => i.status))).toEqual(
      new Set(["open", "paid", "void", "uncollectible"]),
    );
    const payments = await em.find(Payment, { status: "succeeded", invoice: { $ne: null } });
    for (const invoice of invoices) {
      const lines = invoice.lines.getItems();
      expect(lines.length, `${invoice.number} has lines`).toBeGreaterThan(0);
      const sum = (pick: (l: (typeof lines)[number]) => number) =>
        lines.reduce((total, l) => total + pick(l), 0);
      expect(invoice.subtotal).toBe(sum((l) => l.amount));
      expect(invoice.discountTotal).toBe(sum((l) => l.discountAmount));
      expect(invoice.taxTotal).toBe(sum((l) => l.taxAmount));
      expect(invoice.total).toBe(invoice.subtotal - invoice.discountTotal + invoice.taxTotal);
      expect(invoice.amountDue).toBe(
        invoice.total -
          (invoice.startingBalance - (invoice.endingBalance ?? 0)) -
          invoice.walletCreditApplied,
      );
      expect(invoice.amountRemaining).toBe(invoice.amountDue - invoice.amountPaid - invoice.amountCredited);
      const paid = payments
        .filter((p) => p.invoice?.id === invoice.id)
        .reduce((total, p) => total + p.amount, 0);
      expect(invoice.amountPaid, `${invoice.number} paid by its payments`).toBe(paid);
      if (invoice.status === "paid") expect(invoice.amountRemaining).toBe(0);
      if (invoice.status === "open") expect(invoice.amountRemaining).toBeGreaterThan(0);
      expect(invoice.issuedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(invoices.some((i) => i.taxTotal > 0)).toBe(true);
    expect(invoices.some((i) => i.discountTotal > 0)).toBe(true);
    expect(invoices.some((i) => i.walletCreditApplied > 0)).toBe(true);
    expect(invoices.some((i) => i.lines.getItems().some((l) => l.proration && l.amount < 0))).toBe(true);
  });

  it("numbers invoices ACME-0001… without gaps, in issue order, up to the merchant's counter", async () => {
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, { slug: "acme" });
    const invoices = await em.find(
      Invoice,
      { number: { $ne: null } },
      { orderBy: { issuedAt: "asc", id: "asc" } },
    );
    expect(invoices.map((i) => i.number)).toEqual(
      invoices.map((_, index) => `ACME-${String(index + 1).padStart(4, "0")}`),
    );
    expect(merchant.lastInvoiceNumber).toBe(invoices.length);
    const receipts = await em.find(
      Payment,
      { receiptNumber: { $ne: null } },
      { orderBy: { succeededAt: "asc" } },
    );
    expect(receipts.map((p) => p.receiptNumber)).toEqual(
      receipts.map((_, index) => `ACME-RCPT-${String(index + 1).padStart(4, "0")}`),
    );
    expect(merchant.lastReceiptNumber).toBe(receipts.length);
  });

  it("records succeeded and failed payments with reasons and unique idempotency keys", async () => {
    const payments = await db.em().find(Payment, {});
    expect(payments.some((p) => p.status === "succeeded")).toBe(true);
    const failed = payments.filter((p) => p.status === "failed");
    expect(new Set(failed.map((p) => p.failureCode))).toEqual(
      new Set(["card_declined", "insufficient_funds", "expired_card"]),
    );
    for (const p of failed) expect(p.failureMessage).toBeTruthy();
    expect(new Set(payments.map((p) => p.idempotencyKey)).size).toBe(payments.length);
    expect(payments.some((p) => p.purpose === "wallet_top_up")).toBe(true);
  });

  it("keeps cards as brand, last4 and expiry only, one default per customer", async () => {
    const em = db.em();
    const methods = await em.find(PaymentMethod, {});
    for (const m of methods) {
      expect(m.gateway).toBe("sandbox");
      expect(m.gatewayToken).toMatch(/^pm_sandbox_[a-z2-7]{24}$/);
      expect(m.last4).toMatch(/^\d{4}$/);
      expect(m.expMonth).toBeGreaterThanOrEqual(1);
      expect(m.brand).toBeTruthy();
    }
    const customers = await em.find(Customer, {});
    for (const customer of customers) {
      const attached = methods.filter((m) => m.customer.id === customer.id && !m.detachedAt);
      expect(
        attached.filter((m) => m.isDefault),
        customer.name,
      ).toHaveLength(1);
    }
    // Nothing that looks like a card number anywhere in the table.
    const [row] = await sql<{ n: number }>(
      db,
      `select count(*)::int as n from payment_method p where p::text ~ '\\d{12,19}'`,
    );
    expect(row!.n).toBe(0);
  });

  it("holds 60 days of usage events and aggregates equal to their sums", async () => {
    const events = await db.em().find(UsageEvent, {}, { orderBy: { occurredAt: "asc" } });
    const days = new Set(events.map((e) => e.occurredAt.toISOString().slice(0, 10)));
    expect(days.size).toBe(60);
    const firstDay = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()) - 59 * DAY);
    expect(events[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(firstDay.getTime());
    expect(events.at(-1)!.occurredAt.getTime()).toBeLessThan(NOW.getTime());
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length);

    const aggregates = await sql<{
      granularity: string;
      value: number;
      event_count: number;
      events_sum: number;
      events: number;
    }>(
      db,
      `select a.granularity, a.value::float8 as value, a.event_count::int as event_count,
              coalesce(sum(e.value), 0)::float8 as events_sum, count(e.id)::int as events
         from usage_aggregate a
         left join usage_event e on e.customer_id = a.customer_id and e.meter_id = a.meter_id
                                 and e.occurred_at >= a.period_start and e.occurred_at < a.period_end
        group by a.id`,
    );
    expect(aggregates.filter((a) => a.granularity === "day")).toHaveLength(60);
    expect(aggregates.some((a) => a.granularity === "period")).toBe(true);
    for (const a of aggregates) {
      expect(a.value).toBe(a.events_sum);
      expect(a.event_count).toBe(a.events);
    }
    const total = events.reduce((sum, e) => sum + e.value, 0);
    const daily = aggregates.filter((a) => a.granularity === "day").reduce((sum, a) => sum + a.value, 0);
    expect(daily).toBe(total);
  });

  it("keeps a wallet whose balance is the sum of its ledger", async () => {
    const em = db.em();
    const wallets = await em.find(Wallet, {});
    expect(wallets.length).toBeGreaterThanOrEqual(1);
    for (const wallet of wallets) {
      const entries = await em.find(
        WalletTransaction,
        { wallet },
        { orderBy: { createdAt: "asc", id: "asc" } },
      );
      expect(new Set(entries.map((e) => e.type))).toEqual(new Set(["grant", "top_up", "application"]));
      let running = 0;
      for (const entry of entries) {
        running += entry.amount;
        expect(entry.balanceAfter).toBe(running);
        if (entry.type === "application") expect(entry.invoice).toBeTruthy();
      }
      expect(wallet.balance).toBe(running);
      const remaining = entries.reduce((sum, e) => sum + (e.remainingAmount ?? 0), 0);
      expect(remaining).toBe(wallet.balance);
    }
  });

  it("files documents backed by real file content", async () => {
    const em = db.em();
    const documents = await em.find(Document, {}, { populate: ["file"] });
    expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(["contract", "tax_form", "receipt"]));
    const files = await em.find(StoredFile, {}, { populate: ["data"] });
    for (const file of files) {
      const data = Buffer.from(file.data.$!);
      expect(data.byteLength).toBe(file.byteSize);
      expect(encodeHexLowerCase(sha256(data))).toBe(file.sha256);
      if (file.contentType === "application/pdf") checkPdfStructure(data);
      else expect(data.toString("utf8").length).toBeGreaterThan(20);
    }
    expect(files.filter((f) => f.contentType === "application/pdf").length).toBeGreaterThanOrEqual(2);
  });

  it("configures the default portal with every feature on, and a retention offer", async () => {
    const em = db.em();
    const config = await em.findOneOrFail(PortalConfiguration, { isDefault: true });
    for (const [name, feature] of Object.entries(config.features)) expect(feature.enabled, name).toBe(true);
    expect(config.features.subscriptionCancel.cancellationReasons.length).toBeGreaterThan(0);
    expect(config.features.subscriptionPause.maxDays).toBeGreaterThan(0);
    expect(config.branding.primaryColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(config.branding.privacyPolicyUrl).toMatch(/^https:\/\//);
    expect(config.defaultReturnUrl).toBe("https://acme.test/account");
    const offer = await em.findOneOrFail(RetentionOffer, { active: true }, { populate: ["coupon"] });
    expect(offer.coupon.$.percentOffBps).toBe(30_00);
    expect(offer.coupon.$.durationInMonths).toBe(3);
  });

  it("dates every row on the injected clock, none in its future", async () => {
    const columns = await sql<{ table_name: string; column_name: string }>(
      db,
      `select table_name, column_name from information_schema.columns
        where table_schema = 'public' and column_name in ('created_at', 'updated_at', 'ingested_at', 'occurred_at')`,
    );
    const late: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [row] = await sql<{ n: number }>(
        db,
        `select count(*)::int as n from "${table_name}" where "${column_name}" > ?`,
        [NOW],
      );
      if (row!.n) late.push(`${table_name}.${column_name}: ${row!.n}`);
    }
    expect(late).toEqual([]);
    const [oldest] = await sql<{ at: Date }>(db, `select min(created_at) as at from invoice`);
    expect(NOW.getTime() - new Date(oldest!.at).getTime()).toBeGreaterThan(300 * DAY);
  });

  it("stores only the SHA-256 of the API key, nowhere the key itself", async () => {
    const key = first.apiKey.value!;
    const stored = await db.em().findOneOrFail(ApiKey, { prefix: first.apiKey.prefix });
    expect(stored.secretHash).toBe(sha256Hex(key));
    expect(stored.mode).toBe("test");
    const [row] = await sql<{ row: string }>(db, `select row_to_json(k)::text as row from api_key k`);
    expect(row!.row).not.toContain(key);
    expect(row!.row).toContain(sha256Hex(key));
    for (const table of Object.keys(await tableCounts(db))) {
      const [hit] = await sql<{ n: number }>(
        db,
        `select count(*)::int as n from "${table}" t where position(? in t::text) > 0`,
        [key],
      );
      expect(hit!.n, table).toBe(0);
    }
  });

  it("changes nothing on a second run", async () => {
    const before = await tableCounts(db);
    const again = await seedDemo(db.orm, { now: new Date(NOW.getTime() + DAY) });
    expect(again.created).toBe(false);
    expect(again.apiKey).toEqual({ value: null, prefix: first.apiKey.prefix });
    expect(again.logins).toEqual(first.logins);
    expect(await tableCounts(db)).toEqual(before);
    const [key] = await sql<{ secret_hash: string }>(db, `select secret_hash from api_key`);
    expect(key!.secret_hash).toBe(sha256Hex(first.apiKey.value!));
  });

  it("rotates the stored key to a given PORTICO_DEMO_API_KEY, once", async () => {
    const known = "sk_test_DemoKeyForScripts0123456789abcd";
    const rotated = await seedDemo(db.orm, { apiKey: known, now: NOW });
    expect(rotated).toMatchObject({ created: false, apiKey: { value: known, prefix: known.slice(0, 12) } });
    const keys = await db.em().find(ApiKey, {});
    expect(keys).toHaveLength(1);
    expect(keys[0]!.secretHash).toBe(sha256Hex(known));
    expect(keys[0]!.prefix).toBe("sk_test_Demo");

    const before = await tableCounts(db);
    const same = await seedDemo(db.orm, { apiKey: known, now: NOW });
    expect(same.apiKey.value).toBe(known);
    expect(await tableCounts(db)).toEqual(before);
  });

  it("refuses an API key that is not a sandbox key", async () => {
    await expect(seedDemo(db.orm, { apiKey: "sk_live_0123456789abcdefghijklmnop" })).rejects.toThrow(
      /sk_test_/,
    );
    await expect(seedDemo(db.orm, { apiKey: "sk_test_short" })).rejects.toThrow(/PORTICO_DEMO_API_KEY/);
  });

  it("builds the same data from the same clock in a fresh database", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.orm, { now: NOW, apiKey: "sk_test_DemoKeyForScripts0123456789abcd" });
      const fresh = await fingerprint(other);
      const [mine] = await Promise.all([fingerprint(db)]);
      const withoutAudit = (f: unknown) => {
        const copy = structuredClone(f) as { counts: Record<string, number> };
        delete copy.counts.audit_event; // the key rotation above added one audit row here
        return copy;
      };
      expect(withoutAudit(fresh)).toEqual(withoutAudit(mine));
    } finally {
      await other.close();
    }
  }, 120_000);
});

describe("demo seed in one transaction", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("leaves nothing behind when a write fails half-way", async () => {
    // Another merchant already holds the hash of the key we pass: the demo's api_key insert
    // fails after the merchant, its users and more were written in the same transaction.
    const key = "sk_test_CollidingKey0123456789abcdefghij";
    const em = db.em();
    const other = em.create(Merchant, { slug: "globex", name: "Globex" });
    em.create(ApiKey, {
      merchant: other,
      name: "Globex key",
      prefix: key.slice(0, 12),
      secretHash: sha256Hex(key),
      mode: "test",
    });
    await em.flush();
    const before = await tableCounts(db);

    await expect(seedDemo(db.orm, { apiKey: key, now: NOW })).rejects.toThrow();
    expect(await tableCounts(db)).toEqual(before);
    expect(await db.em().count(Merchant, { slug: "acme" })).toBe(0);
  });
});
