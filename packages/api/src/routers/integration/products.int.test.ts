import { fixedClock } from "@portico/core";
import { AuditEvent, Product } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const NOW = new Date("2026-05-01T08:00:00Z");

describe("integration.products", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, fixedClock(NOW)));
  });
  afterAll(() => db?.close());

  it("creates, updates, archives and gets a product, auditing each change", async () => {
    const created = await a.api().integration.products.create({
      name: " Team ",
      description: "Per-seat plan",
      unitLabel: "seat",
      metadata: { family: "core" },
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^prod_[a-z2-7]{24}$/),
      name: "Team",
      description: "Per-seat plan",
      unitLabel: "seat",
      active: true,
      metadata: { family: "core" },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const updated = await a.api().integration.products.update({
      id: created.id,
      description: null,
      metadata: { family: null, tier: "2" },
    });
    expect(updated).toMatchObject({
      name: "Team",
      description: null,
      unitLabel: "seat",
      metadata: { tier: "2" },
    });
    const archived = await a.api().integration.products.archive({ id: created.id });
    expect(archived.active).toBe(false);
    expect((await a.api().integration.products.archive({ id: created.id })).active).toBe(false);
    expect(await a.api().integration.products.get({ id: created.id })).toEqual(archived);

    const events = await db.em().find(AuditEvent, { targetId: created.id }, { orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["Product.Created", "Product.Updated", "Product.Archived"]);
    expect(events.every((e) => e.actorType === "api_key" && e.actorId === a.apiKeyId)).toBe(true);
  });

  it("refuses bad input with a typed error and writes nothing", async () => {
    const before = await db.em().count(Product, {});
    const api = a.api().integration.products;
    expect(await failure(api.create({ name: "" }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(api.create({ name: "X", unitLabel: "u".repeat(41) }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await failure(api.create({ name: "X", id: "prod_x" } as never))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(api.get({ id: "price_abc" }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await db.em().count(Product, {})).toBe(before);
  });

  it("keeps each merchant's products to itself", async () => {
    const mine = await a.api().integration.products.create({ name: "Secret" });
    expect(await failure(b.api().integration.products.get({ id: mine.id }))).toBe(
      "NOT_FOUND PRODUCT_NOT_FOUND",
    );
    expect(await failure(b.api().integration.products.update({ id: mine.id, name: "Taken" }))).toBe(
      "NOT_FOUND PRODUCT_NOT_FOUND",
    );
    expect(await failure(b.api().integration.products.archive({ id: mine.id }))).toBe(
      "NOT_FOUND PRODUCT_NOT_FOUND",
    );
    expect(await a.api().integration.products.get({ id: mine.id })).toEqual(mine);
    await b.api().integration.products.create({ name: "B's own" });
    const bList = await b.api().integration.products.list({ limit: 100 });
    expect(bList.data.map((p) => p.name)).toEqual(["B's own"]);
    expect(await failure(b.api().integration.products.list({ startingAfter: mine.id }))).toBe(
      "BAD_REQUEST INVALID_CURSOR",
    );
  });

  it("lists newest first with an active filter and keyset pages", async () => {
    for (let i = 0; i < 5; i++)
      await a.api().integration.products.create({ name: `P${i}`, active: i % 2 === 0 });
    const all = await a.api().integration.products.list({ limit: 100 });
    expect(all.data.slice(0, 5).map((p) => p.name)).toEqual(["P4", "P3", "P2", "P1", "P0"]);
    const active = await a.api().integration.products.list({ active: true, limit: 100 });
    expect(active.data.every((p) => p.active)).toBe(true);
    expect(active.data.slice(0, 3).map((p) => p.name)).toEqual(["P4", "P2", "P0"]);
    const first = await a.api().integration.products.list({ limit: 3 });
    expect(first).toMatchObject({ hasMore: true, nextCursor: first.data[2]?.id });
    const second = await a.api().integration.products.list({ limit: 3, startingAfter: first.nextCursor! });
    expect([...first.data, ...second.data].map((p) => p.id)).toEqual(all.data.slice(0, 6).map((p) => p.id));
  });
});
