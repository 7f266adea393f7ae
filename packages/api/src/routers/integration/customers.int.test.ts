import type { Clock } from "@portico/core";
import { AuditEvent, Customer, Subscription } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

describe("integration.customers", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let now = new Date("2026-04-01T09:00:00Z");
  const clock: Clock = { now: () => new Date(now) };
  const tick = (ms = 1000) => (now = new Date(now.getTime() + ms));

  const customerCount = () => db.em().count(Customer, {});
  const auditCount = () => db.em().count(AuditEvent, {});

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
  });
  afterAll(() => db?.close());

  it("creates a customer with normalized fields, the merchant's currency and an audit event", async () => {
    const created = await a.api().integration.customers.create({
      name: "  Northwind Traders ",
      externalId: "acct_northwind",
      email: " Billing@Northwind.TEST ",
      locale: "fr-ca",
      address: { line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "fr" },
      taxId: "FR40303265045",
      creditLimit: 500_00,
      metadata: { plan: "enterprise" },
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^cus_[a-z2-7]{24}$/),
      externalId: "acct_northwind",
      name: "Northwind Traders",
      email: "billing@northwind.test",
      phone: null,
      address: { line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "FR" },
      taxId: "FR40303265045",
      taxExempt: "none",
      locale: "fr-CA",
      currency: "EUR",
      creditLimit: 500_00,
      balance: 0,
      metadata: { plan: "enterprise" },
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const event = await db
      .em()
      .findOneOrFail(AuditEvent, { action: "Customer.Created", targetId: created.id });
    expect(event).toMatchObject({ actorType: "api_key", actorId: a.apiKeyId, ip: "203.0.113.7" });
    expect(event.merchant?.id).toBe(a.merchantId);

    const usd = await a.api().integration.customers.create({ name: "Globex", currency: "usd" });
    expect(usd.currency).toBe("USD");
  });

  it("keeps external ids unique per merchant, not across merchants", async () => {
    const before = await customerCount();
    expect(
      await failure(a.api().integration.customers.create({ name: "Again", externalId: "acct_northwind" })),
    ).toBe("CONFLICT CUSTOMER_EXISTS");
    expect(await customerCount()).toBe(before);
    const other = await b.api().integration.customers.create({ name: "B's", externalId: "acct_northwind" });
    expect(other.currency).toBe("USD");
    expect((await b.api().integration.customers.get({ customer: "acct_northwind" })).id).toBe(other.id);
    expect((await a.api().integration.customers.get({ customer: "acct_northwind" })).id).not.toBe(other.id);
  });

  it("gets by Portico id or external id, and never another merchant's customer", async () => {
    const mine = await a.api().integration.customers.create({ name: "Initech", externalId: "acct_initech" });
    expect(await a.api().integration.customers.get({ customer: mine.id })).toEqual(mine);
    expect(await a.api().integration.customers.get({ customer: "acct_initech" })).toEqual(mine);
    for (const customer of [mine.id, "acct_initech"]) {
      expect(await failure(b.api().integration.customers.get({ customer }))).toBe(
        "NOT_FOUND CUSTOMER_NOT_FOUND",
      );
      expect(await failure(b.api().integration.customers.update({ customer, name: "Hijacked" }))).toBe(
        "NOT_FOUND CUSTOMER_NOT_FOUND",
      );
      expect(await failure(b.api().integration.customers.delete({ customer }))).toBe(
        "NOT_FOUND CUSTOMER_NOT_FOUND",
      );
    }
    expect((await a.api().integration.customers.get({ customer: mine.id })).name).toBe("Initech");
    expect(await failure(a.api().integration.customers.get({ customer: "cus_nope" }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
  });

  it("answers bad input with a typed BAD_REQUEST and writes nothing", async () => {
    const [customers, events] = [await customerCount(), await auditCount()];
    const api = a.api().integration.customers;
    const cases: [() => Promise<unknown>, string][] = [
      [() => api.create({ name: "X", currency: "ZZZ" }), "BAD_REQUEST INVALID_CURRENCY"],
      [() => api.create({ name: "X", locale: "en-12" }), "BAD_REQUEST INVALID_LOCALE"],
      [() => api.create({ name: "X", currency: "EURO" }), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "X", email: "not-an-email" }), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "   " }), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "X", creditLimit: -1 }), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "X", creditLimit: 1.5 }), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "X", balance: 100 } as never), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "X", address: { country: "FRA" } }), "BAD_REQUEST INVALID_INPUT"],
      [
        () =>
          api.create({
            name: "X",
            metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])),
          }),
        "BAD_REQUEST INVALID_INPUT",
      ],
      [() => api.create({ name: "X", metadata: { "a[b]": "v" } }), "BAD_REQUEST INVALID_INPUT"],
      [() => api.create({ name: "X", metadata: { k: "v".repeat(501) } }), "BAD_REQUEST INVALID_INPUT"],
    ];
    for (const [call, expected] of cases) expect(await failure(call())).toBe(expected);
    expect([await customerCount(), await auditCount()]).toEqual([customers, events]);

    // A valid field next to an invalid one is not applied either.
    const before = await api.get({ customer: "acct_initech" });
    expect(await failure(api.update({ customer: "acct_initech", name: "Renamed", currency: "ZZZ" }))).toBe(
      "BAD_REQUEST INVALID_CURRENCY",
    );
    expect(await failure(api.update({ customer: "acct_initech", name: "Renamed", locale: "en-12" }))).toBe(
      "BAD_REQUEST INVALID_LOCALE",
    );
    expect(await api.get({ customer: "acct_initech" })).toEqual(before);
    expect(await auditCount()).toBe(events);
  });

  it("updates only the fields given, merging metadata", async () => {
    const created = await a.api().integration.customers.create({
      name: "Umbrella",
      externalId: "acct_umbrella",
      phone: "+33 1 23 45 67 89",
      metadata: { tier: "gold", region: "eu" },
    });
    tick();
    const updated = await a.api().integration.customers.update({
      customer: "acct_umbrella",
      email: "AP@Umbrella.TEST",
      phone: null,
      externalId: "acct_umbrella_2",
      metadata: { tier: "platinum", region: null, owner: "ops" },
    });
    expect(updated).toMatchObject({
      id: created.id,
      name: "Umbrella",
      email: "ap@umbrella.test",
      phone: null,
      externalId: "acct_umbrella_2",
      metadata: { tier: "platinum", owner: "ops" },
      createdAt: created.createdAt,
    });
    expect(await failure(a.api().integration.customers.get({ customer: "acct_umbrella" }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    expect(
      await failure(
        a.api().integration.customers.update({ customer: created.id, externalId: "acct_initech" }),
      ),
    ).toBe("CONFLICT CUSTOMER_EXISTS");
    const event = await db
      .em()
      .findOneOrFail(
        AuditEvent,
        { action: "Customer.Updated", targetId: created.id },
        { orderBy: { id: "desc" } },
      );
    expect(event.data).toEqual({ fields: ["email", "externalId", "metadata", "phone"] });
  });

  it("changes the currency only while the customer has not used it", async () => {
    const fresh = await a.api().integration.customers.create({ name: "Fresh", externalId: "acct_fresh" });
    expect(
      (await a.api().integration.customers.update({ customer: fresh.id, currency: "gbp" })).currency,
    ).toBe("GBP");
    const em = db.em();
    const row = await em.findOneOrFail(Customer, { publicId: fresh.id });
    row.balance = 12_00;
    await em.flush();
    expect(await failure(a.api().integration.customers.update({ customer: fresh.id, currency: "EUR" }))).toBe(
      "CONFLICT CUSTOMER_CURRENCY_LOCKED",
    );
    // Naming the same currency is not a change.
    expect(
      (await a.api().integration.customers.update({ customer: fresh.id, currency: "GBP" })).currency,
    ).toBe("GBP");
  });

  it("soft-deletes a customer without live subscriptions and releases its external id", async () => {
    const target = await a.api().integration.customers.create({ name: "Hooli", externalId: "acct_hooli" });
    const em = db.em();
    const customer = await em.findOneOrFail(Customer, { publicId: target.id });
    const subscription = em.create(Subscription, {
      merchant: a.merchantId,
      customer,
      status: "active",
      currency: "EUR",
      startedAt: now,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
      billingCycleAnchor: now,
    });
    await em.flush();
    expect(await failure(a.api().integration.customers.delete({ customer: "acct_hooli" }))).toBe(
      "CONFLICT CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS",
    );
    expect((await a.api().integration.customers.get({ customer: target.id })).id).toBe(target.id);

    subscription.status = "canceled";
    await em.flush();
    expect(await a.api().integration.customers.delete({ customer: "acct_hooli" })).toEqual({
      id: target.id,
      deleted: true,
    });
    expect(await failure(a.api().integration.customers.get({ customer: target.id }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    expect(await failure(a.api().integration.customers.delete({ customer: target.id }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    const row = await db.em().findOneOrFail(Customer, { publicId: target.id });
    expect(row).toMatchObject({ deletedAt: now, externalId: null });
    const event = await db
      .em()
      .findOneOrFail(AuditEvent, { action: "Customer.Deleted", targetId: target.id });
    expect(event.data).toEqual({ externalId: "acct_hooli" });
    const again = await a.api().integration.customers.create({ name: "Hooli 2", externalId: "acct_hooli" });
    expect(again.id).not.toBe(target.id);
    const { data } = await a.api().integration.customers.list({ limit: 100 });
    expect(data.map((c) => c.id)).not.toContain(target.id);
  });

  it("lists by keyset, newest first, with no duplicate or gap while rows are inserted between pages", async () => {
    // 300 rows, created in bursts that share a timestamp so the id must break the ties.
    const em = db.em();
    const start = new Date("2026-01-01T00:00:00Z").getTime();
    for (let i = 0; i < 300; i++) {
      const at = new Date(start + Math.floor(i / 7) * 1000);
      em.create(Customer, {
        merchant: a.merchantId,
        name: `Bulk ${i}`,
        email: i % 50 === 0 ? "shared@bulk.test" : `bulk${i}@bulk.test`,
        currency: "EUR",
        createdAt: at,
        updatedAt: at,
      });
    }
    await em.flush();
    const expected = (
      await db
        .em()
        .find(
          Customer,
          { merchant: a.merchantId, deletedAt: null },
          { orderBy: { createdAt: "desc", id: "desc" } },
        )
    ).map((c) => c.publicId);
    expect(expected.length).toBeGreaterThan(300);

    const seen: string[] = [];
    const inserted: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      const result = await a.api().integration.customers.list({ limit: 25, startingAfter: cursor });
      seen.push(...result.data.map((c) => c.id));
      if (!result.hasMore) {
        expect(result.nextCursor).toBeNull();
        break;
      }
      expect(result.nextCursor).toBe(result.data.at(-1)?.id);
      cursor = result.nextCursor ?? undefined;
      // Newer rows arrive while the client pages: they sort before the cursor.
      tick();
      inserted.push((await a.api().integration.customers.create({ name: `Live ${page}` })).id);
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => inserted.includes(id))).toEqual([]);

    const first = await a.api().integration.customers.list({});
    expect(first.data).toHaveLength(10);
    expect(first.data[0]?.id).toBe(inserted.at(-1));
  });

  it("filters by e-mail and external id, and keeps each merchant's list to itself", async () => {
    const shared = await a.api().integration.customers.list({ email: "SHARED@bulk.test", limit: 100 });
    expect(shared.data.map((c) => c.name)).toEqual(
      Array.from({ length: 6 }, (_, i) => `Bulk ${250 - i * 50}`),
    );
    const byExternal = await a.api().integration.customers.list({ externalId: "acct_northwind" });
    expect(byExternal.data.map((c) => c.externalId)).toEqual(["acct_northwind"]);

    const bIds = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await b.api().integration.customers.list({ limit: 100, startingAfter: cursor });
      page.data.forEach((c) => bIds.add(c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect([...bIds]).toHaveLength(1);
    expect((await b.api().integration.customers.list({ email: "shared@bulk.test" })).data).toEqual([]);

    const aFirst = (await a.api().integration.customers.list({ limit: 1 })).data[0]!.id;
    expect(await failure(b.api().integration.customers.list({ startingAfter: aFirst }))).toBe(
      "BAD_REQUEST INVALID_CURSOR",
    );
    expect(await failure(a.api().integration.customers.list({ limit: 101 }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
  });
});
