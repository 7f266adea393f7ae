import { fixedClock } from "@portico/core";
import { AuditEvent, TaxRate } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const NOW = new Date("2026-05-01T08:00:00Z");

describe("integration.taxRates", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, fixedClock(NOW)));
  });
  afterAll(() => db?.close());

  it("creates, lists and archives tax rates of the key's merchant only", async () => {
    const vat = await a.api().integration.taxRates.create({
      displayName: "TVA",
      ratePpm: 200_000,
      inclusive: true,
      country: "fr",
    });
    expect(vat).toEqual({
      id: expect.stringMatching(/^txr_[a-z2-7]{24}$/),
      displayName: "TVA",
      description: null,
      ratePpm: 200_000,
      inclusive: true,
      country: "FR",
      state: null,
      active: true,
      metadata: {},
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const nyc = await a.api().integration.taxRates.create({
      displayName: "NYC sales tax",
      ratePpm: 88_750,
      country: "US",
      state: "NY",
    });
    expect((await a.api().integration.taxRates.list({})).data.map((r) => r.id)).toEqual([nyc.id, vat.id]);

    expect(await failure(b.api().integration.taxRates.archive({ id: vat.id }))).toBe(
      "NOT_FOUND TAX_RATE_NOT_FOUND",
    );
    expect((await b.api().integration.taxRates.list({})).data).toEqual([]);

    expect((await a.api().integration.taxRates.archive({ id: vat.id })).active).toBe(false);
    expect((await a.api().integration.taxRates.list({ active: true })).data.map((r) => r.id)).toEqual([
      nyc.id,
    ]);
    expect(await db.em().count(AuditEvent, { targetId: vat.id })).toBe(2);
  });

  it("refuses rates outside 0–100 %, a state without a country and bad countries, writing nothing", async () => {
    const before = await db.em().count(TaxRate, {});
    const api = a.api().integration.taxRates;
    expect(await failure(api.create({ displayName: "X", ratePpm: 1_000_001 }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await failure(api.create({ displayName: "X", ratePpm: -1 }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(api.create({ displayName: "X", ratePpm: 0.5 }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(api.create({ displayName: "X", ratePpm: 1, country: "FRA" }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await failure(api.create({ displayName: "X", ratePpm: 1, state: "NY" }))).toBe(
      "BAD_REQUEST TAX_RATE_STATE_NEEDS_COUNTRY",
    );
    expect(await db.em().count(TaxRate, {})).toBe(before);
    expect((await api.create({ displayName: "Zero-rated", ratePpm: 0 })).ratePpm).toBe(0);
  });
});
