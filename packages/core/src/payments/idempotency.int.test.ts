import { IdempotencyRecord } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { AppError } from "../errors.js";
import { IDEMPOTENCY_LOCK_SECONDS, requestHash, withIdempotency } from "./idempotency.js";
import { createShop, manualClock, type Shop } from "./test/fixtures.js";

const clock = fixedClock("2026-05-01T10:00:00Z");

describe("withIdempotency", () => {
  let db: TestDatabase;
  let shop: Shop;
  let other: Shop;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db);
    other = await createShop(db);
  });
  afterAll(() => db?.close());

  const call = (key: string, request: unknown, merchantId = shop.merchantId) => ({
    merchantId,
    scope: "tests.op",
    key,
    request,
  });

  it("hashes equal parameters equally, whatever their key order", () => {
    expect(requestHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(requestHash({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
  });

  it("runs once, then replays the stored result for the same parameters", async () => {
    let runs = 0;
    const run = () =>
      withIdempotency(db.em(), clock, call("k-replay", { amount: 5 }), async () => ({ run: ++runs }));
    expect(await run()).toEqual({ value: { run: 1 }, replayed: false });
    expect(await run()).toEqual({ value: { run: 1 }, replayed: true });
    expect(runs).toBe(1);
    const record = await db.em().findOneOrFail(IdempotencyRecord, { key: "k-replay" });
    expect(record).toMatchObject({ status: "completed", responseJson: { run: 1 }, lockedUntil: null });
    expect(record.expiresAt).toEqual(new Date("2026-05-02T10:00:00Z"));
  });

  it("refuses the same key with other parameters, but scopes keys per merchant and operation", async () => {
    await withIdempotency(db.em(), clock, call("k-reuse", { amount: 5 }), async () => "first");
    await expect(
      withIdempotency(db.em(), clock, call("k-reuse", { amount: 6 }), async () => "second"),
    ).rejects.toMatchObject({ code: "CONFLICT", reason: "IDEMPOTENCY_KEY_REUSED" });
    const elsewhere = await withIdempotency(
      db.em(),
      clock,
      call("k-reuse", { amount: 6 }, other.merchantId),
      async () => "b",
    );
    expect(elsewhere).toEqual({ value: "b", replayed: false });
    const otherScope = await withIdempotency(
      db.em(),
      clock,
      { ...call("k-reuse", { amount: 6 }), scope: "tests.other" },
      async () => "c",
    );
    expect(otherScope.value).toBe("c");
  });

  it("releases the key when the call fails, so a retry runs afresh", async () => {
    await expect(
      withIdempotency(db.em(), clock, call("k-fail", {}), async () => {
        throw new AppError("BAD_REQUEST", "NOPE", "bad input");
      }),
    ).rejects.toMatchObject({ reason: "NOPE" });
    expect(await db.em().count(IdempotencyRecord, { key: "k-fail" })).toBe(0);
    expect(await withIdempotency(db.em(), clock, call("k-fail", {}), async () => "ok")).toEqual({
      value: "ok",
      replayed: false,
    });
  });

  it("answers IN_PROGRESS while an attempt holds the key, and lets a crashed attempt's key be taken over", async () => {
    const time = manualClock("2026-05-01T10:00:00Z");
    // A process that died mid-call leaves its record in progress.
    await db.em().execute(
      `insert into "idempotency_record" ("merchant_id", "scope", "key", "request_hash", "status", "locked_until", "expires_at")
       values (?, 'tests.op', 'k-crash', ?, 'in_progress', ?, ?)`,
      [
        shop.merchantId,
        requestHash({ n: 1 }),
        new Date(time.now().getTime() + IDEMPOTENCY_LOCK_SECONDS * 1000),
        new Date("2026-05-02T10:00:00Z"),
      ],
    );
    let runs = 0;
    const run = () => withIdempotency(db.em(), time, call("k-crash", { n: 1 }), async () => ++runs);
    await expect(run()).rejects.toMatchObject({ code: "CONFLICT", reason: "IDEMPOTENCY_IN_PROGRESS" });
    time.advance(IDEMPOTENCY_LOCK_SECONDS + 1);
    expect(await run()).toEqual({ value: 1, replayed: false });
    expect(await run()).toEqual({ value: 1, replayed: true });
  });

  it("gives a forgotten key (past its retention) a new life", async () => {
    const time = manualClock("2026-05-01T10:00:00Z");
    await withIdempotency(db.em(), time, call("k-old", { v: 1 }), async () => "v1");
    time.advance(25 * 3600);
    expect(await withIdempotency(db.em(), time, call("k-old", { v: 2 }), async () => "v2")).toEqual({
      value: "v2",
      replayed: false,
    });
  });

  it.runIf(process.env.DATABASE_URL)("executes once among 20 concurrent calls with one key", async () => {
    let runs = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        withIdempotency(db.em(), clock, call("k-race", { x: 1 }), async () => {
          runs += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return "done";
        }),
      ),
    );
    expect(runs).toBe(1);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).reason] : []));
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    expect(new Set(rejected)).toEqual(new Set(rejected.length ? ["IDEMPOTENCY_IN_PROGRESS"] : []));
    expect(fulfilled.length + rejected.length).toBe(20);
  });
});
