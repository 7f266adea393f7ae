import {
  CheckConstraintViolationException,
  raw,
  ref,
  UniqueConstraintViolationException,
} from "@mikro-orm/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthSession,
  Customer,
  CustomerUser,
  Invoice,
  InvoiceLine,
  Merchant,
  NotificationPreference,
  Payment,
  PaymentMethod,
  PortalConfiguration,
  Price,
  Product,
  RateLimitBucket,
  StoredFile,
  Subscription,
  SubscriptionItem,
  UsageEvent,
  Wallet,
  defaultPortalFeatures,
} from "./entities/index.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

const publicId = (prefix: string) => new RegExp(`^${prefix}_[a-z2-7]{24}$`);
const periodStart = new Date("2026-01-31T00:00:00Z");
const periodEnd = new Date("2026-02-28T00:00:00Z");

describe("entities", () => {
  let db: TestDatabase;
  let ids: { merchant: number; other: number; customer: number; invoice: number; payment: number };

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const other = em.create(Merchant, { slug: "globex", name: "Globex" });
    const customer = em.create(Customer, {
      merchant,
      externalId: "acct_42",
      name: "Ada Lovelace",
      email: "ada@example.com",
      currency: "EUR",
      address: { line1: "1 Analytical Way", city: "London", country: "GB" },
      creditLimit: 500_00,
    });
    const product = em.create(Product, { merchant, name: "Pro" });
    const price = em.create(Price, {
      merchant,
      product,
      currency: "EUR",
      type: "per_seat",
      unitAmount: 12_00,
      interval: "month",
      lookupKey: "pro_monthly",
    });
    const subscription = em.create(Subscription, {
      merchant,
      customer,
      status: "active",
      currency: "EUR",
      startedAt: periodStart,
      currentPeriodStart: periodStart,
      currentPeriodEnd: periodEnd,
      billingCycleAnchor: periodStart,
    });
    const item = em.create(SubscriptionItem, { merchant, subscription, price, quantity: 3 });
    const invoice = em.create(Invoice, {
      merchant,
      customer,
      subscription,
      number: "INV-0001",
      status: "open",
      billingReason: "subscription_cycle",
      currency: "EUR",
      subtotal: 36_00,
      taxTotal: 7_20,
      total: 43_20,
      amountDue: 43_20,
      amountRemaining: 43_20,
      periodStart,
      periodEnd,
      issuedAt: periodStart,
      dueAt: periodStart,
    });
    em.create(InvoiceLine, {
      merchant,
      invoice,
      type: "subscription",
      subscription,
      subscriptionItem: item,
      price,
      description: "Pro × 3 seats",
      quantity: 3,
      unitAmount: 12_00,
      amount: 36_00,
      taxAmount: 7_20,
      periodStart,
      periodEnd,
    });
    em.create(InvoiceLine, {
      merchant,
      invoice,
      type: "proration",
      description: "Unused time on Basic",
      amount: -4_99,
      proration: true,
    });
    const method = em.create(PaymentMethod, {
      merchant,
      customer,
      gateway: "sandbox",
      gatewayToken: "pm_sandbox_visa_4242",
      type: "card",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      isDefault: true,
    });
    const payment = em.create(Payment, {
      merchant,
      customer,
      invoice,
      paymentMethod: method,
      amount: 43_20,
      currency: "EUR",
      status: "succeeded",
      idempotencyKey: "pay-in-0001-attempt-1",
      requestHash: "a".repeat(64),
      gateway: "sandbox",
      gatewayReference: "ch_sandbox_1",
      succeededAt: periodStart,
    });
    // invoice ↔ payment reference each other; the unit of work orders the writes.
    invoice.latestPayment = ref(payment);
    await em.flush();
    ids = {
      merchant: merchant.id,
      other: other.id,
      customer: customer.id,
      invoice: invoice.id,
      payment: payment.id,
    };
  });
  afterAll(() => db?.close());

  it("gives every row a public id with its type's prefix", async () => {
    const em = db.em();
    const invoice = await em.findOneOrFail(Invoice, ids.invoice, {
      populate: ["lines", "customer", "merchant", "subscription.items.price.product"],
    });
    expect(invoice.publicId).toMatch(publicId("in"));
    expect(invoice.merchant.getEntity().publicId).toMatch(publicId("mer"));
    expect(invoice.customer.getEntity().publicId).toMatch(publicId("cus"));
    const subscription = invoice.subscription!.getEntity();
    expect(subscription.publicId).toMatch(publicId("sub"));
    const [item] = subscription.items.getItems();
    expect(item!.publicId).toMatch(publicId("si"));
    expect(item!.price.getEntity().publicId).toMatch(publicId("price"));
    expect(item!.price.getEntity().product.getEntity().publicId).toMatch(publicId("prod"));
    for (const line of invoice.lines) expect(line.publicId).toMatch(publicId("il"));
    const payment = await em.findOneOrFail(Payment, ids.payment, { populate: ["paymentMethod"] });
    expect(payment.publicId).toMatch(publicId("py"));
    expect(payment.paymentMethod!.getEntity().publicId).toMatch(publicId("pm"));
    expect(invoice.latestPayment?.id).toBe(payment.id);
  });

  it("round-trips money as exact integers, quantities, JSON and timestamps", async () => {
    const em = db.em();
    const invoice = await em.findOneOrFail(Invoice, ids.invoice, { populate: ["lines"] });
    expect(invoice.total).toBe(43_20);
    expect(invoice.status).toBe("open");
    expect(invoice.periodEnd?.toISOString()).toBe(periodEnd.toISOString());
    const lines = invoice.lines.getItems().sort((a, b) => a.id - b.id);
    expect(lines.map((l) => [l.type, l.quantity, l.amount])).toEqual([
      ["subscription", 3, 36_00],
      ["proration", 1, -4_99],
    ]);
    expect(lines.reduce((sum, l) => sum + l.amount + l.taxAmount, 0)).toBe(43_20 - 4_99);
    const customer = await em.findOneOrFail(Customer, ids.customer);
    expect(customer.address).toEqual({ line1: "1 Analytical Way", city: "London", country: "GB" });
    expect(customer.balance).toBe(0);
    expect(customer.creditLimit).toBe(500_00);
    expect(customer.metadata).toEqual({});
    // A bigint beyond 2^31 survives the mapping to JS number.
    customer.balance = -9_000_000_000_00;
    await em.flush();
    expect((await db.em().findOneOrFail(Customer, ids.customer)).balance).toBe(-9_000_000_000_00);
  });

  it("finds payments by invoice and customer lists in keyset order", async () => {
    const em = db.em();
    const payments = await em.find(
      Payment,
      { customer: ids.customer, invoice: ids.invoice },
      { orderBy: { createdAt: "desc", id: "desc" } },
    );
    expect(payments.map((p) => p.id)).toEqual([ids.payment]);
  });

  it("enforces a payment idempotency key per merchant, not across merchants", async () => {
    const attempt = (merchant: number, customer: number) => {
      const em = db.em();
      em.create(Payment, {
        merchant,
        customer,
        amount: 1_00,
        currency: "EUR",
        idempotencyKey: "pay-in-0001-attempt-1",
        requestHash: "b".repeat(64),
        gateway: "sandbox",
      });
      return em.flush();
    };
    await expect(attempt(ids.merchant, ids.customer)).rejects.toThrow(UniqueConstraintViolationException);
    const em = db.em();
    const stranger = em.create(Customer, { merchant: ids.other, name: "Other", currency: "USD" });
    await em.flush();
    await expect(attempt(ids.other, stranger.id)).resolves.toBeUndefined();
  });

  it("enforces invoice numbers per merchant", async () => {
    const em = db.em();
    em.create(Invoice, {
      merchant: ids.merchant,
      customer: ids.customer,
      currency: "EUR",
      number: "INV-0001",
    });
    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationException);
    // Drafts have no number yet: any number of them.
    const drafts = db.em();
    drafts.create(Invoice, { merchant: ids.merchant, customer: ids.customer, currency: "EUR" });
    drafts.create(Invoice, { merchant: ids.merchant, customer: ids.customer, currency: "EUR" });
    await expect(drafts.flush()).resolves.toBeUndefined();
  });

  it("enforces external ids per merchant and customer-user e-mails per customer", async () => {
    const em = db.em();
    em.create(Customer, { merchant: ids.merchant, externalId: "acct_42", name: "Copy", currency: "EUR" });
    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationException);

    const users = db.em();
    users.create(CustomerUser, { merchant: ids.merchant, customer: ids.customer, email: "ada@example.com" });
    await users.flush();
    const again = db.em();
    again.create(CustomerUser, { merchant: ids.merchant, customer: ids.customer, email: "ada@example.com" });
    await expect(again.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });

  it("allows one default payment method per customer among attached methods", async () => {
    const em = db.em();
    em.create(PaymentMethod, {
      merchant: ids.merchant,
      customer: ids.customer,
      gateway: "sandbox",
      gatewayToken: "pm_sandbox_mc_4444",
      type: "card",
      isDefault: true,
    });
    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationException);
    const detached = db.em();
    detached.create(PaymentMethod, {
      merchant: ids.merchant,
      customer: ids.customer,
      gateway: "sandbox",
      gatewayToken: "pm_sandbox_old_0005",
      type: "card",
      isDefault: true,
      detachedAt: new Date(),
    });
    await expect(detached.flush()).resolves.toBeUndefined();
  });

  it("allows one default portal configuration per merchant, with typed default features", async () => {
    const em = db.em();
    const config = em.create(PortalConfiguration, {
      merchant: ids.merchant,
      name: "Default",
      isDefault: true,
    });
    await em.flush();
    expect(config.publicId).toMatch(publicId("bpc"));
    expect((await db.em().findOneOrFail(PortalConfiguration, config.id)).features).toEqual(
      defaultPortalFeatures(),
    );
    const second = db.em();
    second.create(PortalConfiguration, { merchant: ids.merchant, name: "Second", isDefault: true });
    await expect(second.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });

  it("treats the account-level notification preference (no user) as unique too", async () => {
    const write = () => {
      const em = db.em();
      em.create(NotificationPreference, {
        merchant: ids.merchant,
        customer: ids.customer,
        category: "receipts",
        enabled: false,
      });
      return em.flush();
    };
    await write();
    await expect(write()).rejects.toThrow(UniqueConstraintViolationException);
  });

  it("ingests a usage event once per idempotency key", async () => {
    const ingest = (value: number) => {
      const em = db.em();
      em.create(UsageEvent, {
        merchant: ids.merchant,
        customer: ids.customer,
        eventName: "api_call",
        idempotencyKey: "evt-1",
        value,
        occurredAt: new Date("2026-02-01T12:00:00Z"),
      });
      return em.flush();
    };
    await ingest(1.5);
    await expect(ingest(2)).rejects.toThrow(UniqueConstraintViolationException);
    const [event] = await db.em().find(UsageEvent, { customer: ids.customer });
    expect(event!.value).toBe(1.5);
    expect(event!.ingestedAt).toBeInstanceOf(Date);
  });

  it("refuses to overdraw a wallet, even with a blind decrement", async () => {
    const em = db.em();
    const wallet = em.create(Wallet, {
      merchant: ids.merchant,
      customer: ids.customer,
      currency: "EUR",
      balance: 10_00,
    });
    await em.flush();
    expect(wallet.publicId).toMatch(publicId("wlt"));
    // What a careless `balance = balance - x` without a read would do.
    await expect(
      db.em().nativeUpdate(Wallet, { id: wallet.id }, { balance: raw("balance - 1001") }),
    ).rejects.toThrow(CheckConstraintViolationException);
    expect((await db.em().findOneOrFail(Wallet, wallet.id)).balance).toBe(10_00);
  });

  it("stores a session secret hash as bytes under a text id", async () => {
    const em = db.em();
    const secretHash = new Uint8Array(32).fill(7);
    const now = new Date();
    em.create(AuthSession, {
      id: "abcdefghijklmnopqrstuvwx",
      secretHash,
      subjectType: "portal_link",
      merchant: ids.merchant,
      customer: ids.customer,
      lastActiveAt: now,
      idleExpiresAt: new Date(now.getTime() + 30 * 60_000),
      absoluteExpiresAt: new Date(now.getTime() + 12 * 3_600_000),
    });
    await em.flush();
    const session = await db.em().findOneOrFail(AuthSession, "abcdefghijklmnopqrstuvwx");
    expect(session.publicId).toMatch(publicId("sess"));
    expect(Array.from(session.secretHash)).toEqual(Array.from(secretHash));
    expect(session.mfaVerified).toBe(false);
  });

  it("keeps file contents out of queries unless asked for", async () => {
    const em = db.em();
    const file = em.create(StoredFile, {
      merchant: ids.merchant,
      customer: ids.customer,
      purpose: "invoice_pdf",
      filename: "INV-0001.pdf",
      contentType: "application/pdf",
      byteSize: 8,
      sha256: "0".repeat(64),
      data: Buffer.from("%PDF-1.7"),
    });
    await em.flush();
    const listed = await db.em().findOneOrFail(StoredFile, file.id);
    expect(listed.data.isInitialized()).toBe(false);
    expect(Buffer.from((await listed.data.load())!).toString()).toBe("%PDF-1.7");
    const downloaded = await db.em().findOneOrFail(StoredFile, file.id, { populate: ["data"] });
    expect(Buffer.from(downloaded.data.$).toString()).toBe("%PDF-1.7");
  });

  it("has the table shape rate-limiter-flexible's Postgres store writes to", async () => {
    // The statements RateLimiterPostgres runs, through node-postgres as it does: a
    // positional INSERT (key, points, expire) and expiry in epoch milliseconds.
    const upsert = `insert into rate_limit_bucket values ($1, $2, $3)
      on conflict (key) do update set
        points = case when rate_limit_bucket.expire <= $4 then $2 else rate_limit_bucket.points + ($2) end,
        expire = case when rate_limit_bucket.expire <= $4 then $3 else rate_limit_bucket.expire end
      returning points, expire`;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const now = Date.now();
      const key = "login:ip:203.0.113.7";
      await client.query(upsert, [key, 1, now + 60_000, now]);
      const second = await client.query<{ points: number; expire: string }>(upsert, [
        key,
        1,
        now + 60_000,
        now,
      ]);
      expect(second.rows[0]!.points).toBe(2);
      expect(Number(second.rows[0]!.expire)).toBe(now + 60_000);
      const read = await client.query(
        `select points, expire from rate_limit_bucket where key = $1 and (expire > $2 or expire is null)`,
        [key, now],
      );
      expect(read.rowCount).toBe(1);
      const bucket = await db.em().findOneOrFail(RateLimitBucket, key);
      expect(bucket).toMatchObject({ points: 2, expire: now + 60_000 });
    } finally {
      await client.end();
    }
  });
});
