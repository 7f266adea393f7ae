import type { Clock } from "@portico/core";
import { AuditEvent, COUPON_DURATIONS, Coupon } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { COUPON_DURATION_VALUES, type TCreateCouponInput } from "@portico/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

type CouponInput = Omit<TCreateCouponInput, "redeemBy"> & { redeemBy?: string };

describe("integration.coupons", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  const now = new Date("2026-06-15T12:00:00Z");
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
  });
  afterAll(() => db?.close());

  it("keeps the validators' durations equal to the database's", () => {
    expect([...COUPON_DURATION_VALUES]).toEqual([...COUPON_DURATIONS]);
  });

  it("creates percent-off and amount-off coupons, found by id or by code in any case", async () => {
    const percent = await a.api().integration.coupons.create({
      code: "welcome20",
      name: "Welcome",
      percentOffBps: 2000,
      duration: "repeating",
      durationInMonths: 3,
      maxRedemptions: 100,
      redeemBy: "2026-12-31T23:59:59+01:00",
    });
    expect(percent).toEqual({
      id: expect.stringMatching(/^coupon_[a-z2-7]{24}$/),
      code: "WELCOME20",
      name: "Welcome",
      percentOffBps: 2000,
      amountOff: null,
      currency: null,
      duration: "repeating",
      durationInMonths: 3,
      maxRedemptions: 100,
      timesRedeemed: 0,
      redeemBy: "2026-12-31T22:59:59.000Z",
      active: true,
      metadata: {},
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const amount = await a.api().integration.coupons.create({
      code: "TENOFF",
      name: "Ten off",
      amountOff: 10_00,
      currency: "eur",
      duration: "once",
    });
    expect(amount).toMatchObject({
      percentOffBps: null,
      amountOff: 10_00,
      currency: "EUR",
      durationInMonths: null,
    });
    expect(await a.api().integration.coupons.get({ code: "Welcome20" })).toEqual(percent);
    expect(await a.api().integration.coupons.get({ id: amount.id })).toEqual(amount);
    const event = await db.em().findOneOrFail(AuditEvent, { action: "Coupon.Created", targetId: percent.id });
    expect(event).toMatchObject({ actorType: "api_key", actorId: a.apiKeyId });
  });

  it("refuses invalid coupons with a typed reason and writes nothing", async () => {
    const before = [await db.em().count(Coupon, {}), await db.em().count(AuditEvent, {})];
    const base: CouponInput = { code: "NEW", name: "New", percentOffBps: 500, duration: "forever" };
    const create = (input: CouponInput) => () => a.api().integration.coupons.create(input);
    const cases: [() => Promise<unknown>, string][] = [
      [create({ ...base, percentOffBps: undefined }), "BAD_REQUEST COUPON_DISCOUNT_REQUIRED"],
      [create({ ...base, amountOff: 100, currency: "EUR" }), "BAD_REQUEST COUPON_DISCOUNT_AMBIGUOUS"],
      [create({ ...base, percentOffBps: undefined, amountOff: 100 }), "BAD_REQUEST COUPON_CURRENCY_REQUIRED"],
      [create({ ...base, currency: "EUR" }), "BAD_REQUEST COUPON_CURRENCY_NOT_ALLOWED"],
      [create({ ...base, duration: "repeating" }), "BAD_REQUEST COUPON_DURATION_IN_MONTHS_REQUIRED"],
      [create({ ...base, durationInMonths: 2 }), "BAD_REQUEST COUPON_DURATION_IN_MONTHS_NOT_ALLOWED"],
      [create({ ...base, redeemBy: "2026-06-15T12:00:00Z" }), "BAD_REQUEST COUPON_REDEEM_BY_IN_PAST"],
      [
        create({ ...base, percentOffBps: undefined, amountOff: 100, currency: "ZZZ" }),
        "BAD_REQUEST INVALID_CURRENCY",
      ],
      [create({ ...base, percentOffBps: 0 }), "BAD_REQUEST INVALID_INPUT"],
      [create({ ...base, percentOffBps: 10_001 }), "BAD_REQUEST INVALID_INPUT"],
      [create({ ...base, code: "no spaces" }), "BAD_REQUEST INVALID_INPUT"],
      [create({ ...base, redeemBy: "tomorrow" }), "BAD_REQUEST INVALID_INPUT"],
      [create({ ...base, code: "welcome20" }), "CONFLICT COUPON_CODE_IN_USE"],
    ];
    for (const [call, expected] of cases) expect(await failure(call())).toBe(expected);
    expect([await db.em().count(Coupon, {}), await db.em().count(AuditEvent, {})]).toEqual(before);
  });

  it("archives once, and keeps each merchant's coupons to itself", async () => {
    const coupon = await a.api().integration.coupons.get({ code: "TENOFF" });
    expect(await failure(b.api().integration.coupons.get({ id: coupon.id }))).toBe(
      "NOT_FOUND COUPON_NOT_FOUND",
    );
    expect(await failure(b.api().integration.coupons.get({ code: "TENOFF" }))).toBe(
      "NOT_FOUND COUPON_NOT_FOUND",
    );
    expect(await failure(b.api().integration.coupons.archive({ id: coupon.id }))).toBe(
      "NOT_FOUND COUPON_NOT_FOUND",
    );
    // Codes are per merchant: B may use A's.
    const bCoupon = await b.api().integration.coupons.create({
      code: "TENOFF",
      name: "B's",
      percentOffBps: 1000,
      duration: "once",
    });
    expect((await b.api().integration.coupons.list({})).data.map((c) => c.id)).toEqual([bCoupon.id]);

    const archived = await a.api().integration.coupons.archive({ id: coupon.id });
    expect(archived.active).toBe(false);
    await a.api().integration.coupons.archive({ id: coupon.id });
    expect(await db.em().count(AuditEvent, { action: "Coupon.Archived", targetId: coupon.id })).toBe(1);
    const active = await a.api().integration.coupons.list({ active: true });
    expect(active.data.map((c) => c.code)).toEqual(["WELCOME20"]);
    const page = await a.api().integration.coupons.list({ limit: 1 });
    expect(page).toMatchObject({ hasMore: true, nextCursor: page.data[0]?.id });
    const rest = await a.api().integration.coupons.list({ limit: 1, startingAfter: page.nextCursor! });
    expect(rest).toMatchObject({ hasMore: false, nextCursor: null });
    expect([...page.data, ...rest.data].map((c) => c.code).sort()).toEqual(["TENOFF", "WELCOME20"]);
  });
});
