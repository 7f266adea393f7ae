import { fixedClock } from "@portico/core";
import {
  AuditEvent,
  Meter,
  PRICE_INTERVALS,
  PRICE_TIERS_MODES,
  PRICE_TYPES,
  Price,
  type IMeter,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import {
  PRICE_INTERVAL_VALUES,
  PRICE_TIERS_MODE_VALUES,
  PRICE_TYPE_VALUES,
  type TCreatePriceInput,
} from "@portico/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const NOW = new Date("2026-05-01T08:00:00Z");

describe("integration.prices", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let productA: string;
  let productB: string;
  let meterA: string;
  let meterB: string;

  const priceCount = () => db.em().count(Price, {});
  const auditCount = () => db.em().count(AuditEvent, {});
  const flat = (over: Partial<TCreatePriceInput> = {}): TCreatePriceInput => ({
    product: productA,
    currency: "EUR",
    type: "flat",
    unitAmount: 29_00,
    interval: "month",
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, fixedClock(NOW)));
    productA = (await a.api().integration.products.create({ name: "Pro" })).id;
    productB = (await b.api().integration.products.create({ name: "B Pro" })).id;
    const em = db.em();
    const meter = (merchant: number): IMeter =>
      em.create(Meter, { merchant, eventName: "api_calls", displayName: "API calls", aggregation: "sum" });
    const [ma, mb] = [meter(a.merchantId), meter(b.merchantId)];
    await em.flush();
    [meterA, meterB] = [ma.publicId, mb.publicId];
  });
  afterAll(() => db?.close());

  it("keeps the validators' enumerations equal to the database's", () => {
    expect([...PRICE_TYPE_VALUES]).toEqual([...PRICE_TYPES]);
    expect([...PRICE_INTERVAL_VALUES]).toEqual([...PRICE_INTERVALS]);
    expect([...PRICE_TIERS_MODE_VALUES]).toEqual([...PRICE_TIERS_MODES]);
  });

  it("creates flat, per-seat and metered tiered prices", async () => {
    const monthly = await a.api().integration.prices.create(
      flat({
        currency: "eur",
        nickname: "Pro monthly",
        lookupKey: "pro_monthly",
        trialDays: 14,
        metadata: { v: "1" },
      }),
    );
    expect(monthly).toEqual({
      id: expect.stringMatching(/^price_[a-z2-7]{24}$/),
      product: productA,
      currency: "EUR",
      type: "flat",
      unitAmount: 29_00,
      unitAmountDecimal: null,
      tiersMode: null,
      tiers: null,
      interval: "month",
      intervalCount: 1,
      meter: null,
      trialDays: 14,
      active: true,
      nickname: "Pro monthly",
      lookupKey: "pro_monthly",
      metadata: { v: "1" },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const seat = await a.api().integration.prices.create(
      flat({
        type: "per_seat",
        unitAmount: undefined,
        unitAmountDecimal: "1250.50",
        interval: "week",
        intervalCount: 2,
      }),
    );
    expect(seat).toMatchObject({
      type: "per_seat",
      unitAmount: null,
      unitAmountDecimal: "1250.5",
      intervalCount: 2,
    });
    const metered = await a.api().integration.prices.create(
      flat({
        type: "metered",
        unitAmount: undefined,
        meter: meterA,
        tiersMode: "graduated",
        tiers: [
          { upTo: 100_000, unitAmount: 0 },
          { upTo: null, unitAmountDecimal: "0.04", flatAmount: 10_00 },
        ],
      }),
    );
    expect(metered).toMatchObject({
      type: "metered",
      meter: meterA,
      tiersMode: "graduated",
      tiers: [
        { upTo: 100_000, unitAmount: 0, flatAmount: 0 },
        { upTo: null, unitAmount: 0, unitAmountDecimal: "0.04", flatAmount: 10_00 },
      ],
    });
    expect(await a.api().integration.prices.get({ id: metered.id })).toEqual(metered);
    const event = await db.em().findOneOrFail(AuditEvent, { action: "Price.Created", targetId: monthly.id });
    expect(event).toMatchObject({ actorType: "api_key", actorId: a.apiKeyId });
    expect(event.data).toMatchObject({ product: productA, lookupKey: "pro_monthly", transferredFrom: null });
  });

  it("refuses invalid prices with a typed reason and writes nothing", async () => {
    const [prices, events] = [await priceCount(), await auditCount()];
    const create = (input: TCreatePriceInput) => () => a.api().integration.prices.create(input);
    const cases: [() => Promise<unknown>, string][] = [
      [create(flat({ unitAmount: undefined })), "BAD_REQUEST PRICE_AMOUNT_REQUIRED"],
      [create(flat({ unitAmountDecimal: "1.5" })), "BAD_REQUEST PRICE_AMOUNT_AMBIGUOUS"],
      [
        create(flat({ tiersMode: "volume", tiers: [{ upTo: null, unitAmount: 1 }] })),
        "BAD_REQUEST PRICE_AMOUNT_AMBIGUOUS",
      ],
      [
        create(flat({ unitAmount: undefined, tiers: [{ upTo: null, unitAmount: 1 }] })),
        "BAD_REQUEST PRICE_TIERS_MODE_REQUIRED",
      ],
      [create(flat({ unitAmount: undefined, tiersMode: "graduated" })), "BAD_REQUEST PRICE_TIERS_REQUIRED"],
      [
        create(
          flat({
            unitAmount: undefined,
            tiersMode: "graduated",
            tiers: [
              { upTo: 10, unitAmount: 2 },
              { upTo: 5, unitAmount: 1 },
              { upTo: null, unitAmount: 1 },
            ],
          }),
        ),
        "BAD_REQUEST PRICE_TIERS_INVALID",
      ],
      [
        create(flat({ unitAmount: undefined, tiersMode: "volume", tiers: [{ upTo: 10, unitAmount: 2 }] })),
        "BAD_REQUEST PRICE_TIERS_INVALID",
      ],
      [create(flat({ interval: "month", intervalCount: 13 })), "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
      [create(flat({ interval: "week", intervalCount: 53 })), "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
      [create(flat({ interval: "year", intervalCount: 2 })), "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
      [create(flat({ type: "metered" })), "BAD_REQUEST PRICE_METER_REQUIRED"],
      [create(flat({ meter: meterA })), "BAD_REQUEST PRICE_METER_NOT_ALLOWED"],
      [create(flat({ type: "metered", meter: meterA, trialDays: 7 })), "BAD_REQUEST PRICE_TRIAL_NOT_ALLOWED"],
      [create(flat({ currency: "ZZZ" })), "BAD_REQUEST INVALID_CURRENCY"],
      [
        create(flat({ unitAmountDecimal: "99999999999999999.5", unitAmount: undefined })),
        "BAD_REQUEST PRICE_AMOUNT_TOO_LARGE",
      ],
      [create(flat({ unitAmount: -1 })), "BAD_REQUEST INVALID_INPUT"],
      [create(flat({ unitAmountDecimal: "1e3", unitAmount: undefined })), "BAD_REQUEST INVALID_INPUT"],
      [create(flat({ interval: "fortnight" as never })), "BAD_REQUEST INVALID_INPUT"],
      [create({ ...flat(), amount: 5 } as never), "BAD_REQUEST INVALID_INPUT"],
      // Another merchant's product or meter is as unknown as a missing one.
      [create(flat({ product: productB })), "NOT_FOUND PRODUCT_NOT_FOUND"],
      [create(flat({ type: "metered", unitAmount: 1, meter: meterB })), "NOT_FOUND METER_NOT_FOUND"],
    ];
    for (const [call, expected] of cases) expect(await failure(call())).toBe(expected);
    expect([await priceCount(), await auditCount()]).toEqual([prices, events]);
  });

  it("keeps lookup keys unique per merchant, transferring one only when asked", async () => {
    const current = await a.api().integration.prices.get({ lookupKey: "pro_monthly" });
    const before = await priceCount();
    const error = await a
      .api()
      .integration.prices.create(flat({ unitAmount: 35_00, lookupKey: "pro_monthly" }))
      .catch((e: unknown) => e);
    expect(await failure(Promise.reject(error))).toBe("CONFLICT LOOKUP_KEY_IN_USE");
    expect((error as { cause: { details: unknown } }).cause.details).toMatchObject({ price: current.id });
    expect(await priceCount()).toBe(before);

    const next = await a
      .api()
      .integration.prices.create(
        flat({ unitAmount: 35_00, lookupKey: "pro_monthly", transferLookupKey: true }),
      );
    expect((await a.api().integration.prices.get({ lookupKey: "pro_monthly" })).id).toBe(next.id);
    expect((await a.api().integration.prices.get({ id: current.id })).lookupKey).toBeNull();
    const moved = await db
      .em()
      .findOneOrFail(AuditEvent, { action: "Price.LookupKeyTransferred", targetId: current.id });
    expect(moved.data).toEqual({ lookupKey: "pro_monthly", to: next.id });

    // Merchant B has its own namespace of lookup keys.
    const mine = await b
      .api()
      .integration.prices.create({ ...flat({ product: productB }), lookupKey: "pro_monthly" });
    expect((await b.api().integration.prices.get({ lookupKey: "pro_monthly" })).id).toBe(mine.id);
    expect((await a.api().integration.prices.get({ lookupKey: "pro_monthly" })).id).toBe(next.id);

    // Through update too: refused, then transferred back.
    expect(
      await failure(a.api().integration.prices.update({ id: current.id, lookupKey: "pro_monthly" })),
    ).toBe("CONFLICT LOOKUP_KEY_IN_USE");
    const back = await a
      .api()
      .integration.prices.update({ id: current.id, lookupKey: "pro_monthly", transferLookupKey: true });
    expect(back.lookupKey).toBe("pro_monthly");
    expect((await a.api().integration.prices.get({ id: next.id })).lookupKey).toBeNull();
  });

  it("changes labels only: amounts are immutable", async () => {
    const price = await a
      .api()
      .integration.prices.create(flat({ unitAmount: 49_00, metadata: { a: "1", b: "2" } }));
    for (const change of [{ unitAmount: 1 }, { currency: "USD" }, { interval: "year" }, { tiers: [] }]) {
      expect(await failure(a.api().integration.prices.update({ id: price.id, ...change } as never))).toBe(
        "BAD_REQUEST INVALID_INPUT",
      );
    }
    const updated = await a.api().integration.prices.update({
      id: price.id,
      nickname: "Legacy",
      active: false,
      metadata: { a: null, c: "3" },
    });
    expect(updated).toEqual({
      ...price,
      nickname: "Legacy",
      active: false,
      metadata: { b: "2", c: "3" },
      updatedAt: updated.updatedAt,
    });
  });

  it("never shows or changes another merchant's price", async () => {
    const price = await a.api().integration.prices.create(flat({ lookupKey: "a_only" }));
    expect(await failure(b.api().integration.prices.get({ id: price.id }))).toBe("NOT_FOUND PRICE_NOT_FOUND");
    expect(await failure(b.api().integration.prices.get({ lookupKey: "a_only" }))).toBe(
      "NOT_FOUND PRICE_NOT_FOUND",
    );
    expect(await failure(b.api().integration.prices.update({ id: price.id, active: false }))).toBe(
      "NOT_FOUND PRICE_NOT_FOUND",
    );
    expect((await a.api().integration.prices.get({ id: price.id })).active).toBe(true);
    expect(await failure(b.api().integration.prices.list({ product: productA }))).toBe(
      "NOT_FOUND PRODUCT_NOT_FOUND",
    );
    const bList = await b.api().integration.prices.list({ limit: 100 });
    expect(bList.data.every((p) => p.product === productB)).toBe(true);
  });

  it("lists by product, active flag, currency and type, a keyset page at a time", async () => {
    const product = (await a.api().integration.products.create({ name: "Listing" })).id;
    const created: string[] = [];
    for (const [currency, active] of [
      ["EUR", true],
      ["USD", true],
      ["EUR", false],
      ["EUR", true],
      ["GBP", true],
    ] as const) {
      created.push((await a.api().integration.prices.create(flat({ product, currency, active }))).id);
    }
    const all = await a.api().integration.prices.list({ product, limit: 100 });
    // Same timestamp (fixed clock): the id keeps creation order, newest first.
    expect(all.data.map((p) => p.id)).toEqual([...created].reverse());
    const eurActive = await a.api().integration.prices.list({ product, currency: "eur", active: true });
    expect(eurActive.data.map((p) => p.id)).toEqual([created[3], created[0]]);
    expect((await a.api().integration.prices.list({ product, type: "metered" })).data).toEqual([]);

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await a.api().integration.prices.list({ product, limit: 2, startingAfter: cursor });
      expect(page.data.length).toBeLessThanOrEqual(2);
      paged.push(...page.data.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.data.map((p) => p.id));
  });
});
