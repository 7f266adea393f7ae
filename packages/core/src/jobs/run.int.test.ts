import { Job, Merchant, TestClock, type IJob } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Clock } from "../clock.js";
import { retryDelayMs } from "./backoff.js";
import { enqueueJob } from "./enqueue.js";
import { defineJobHandler, jobHandlers, type JobContext } from "./handlers.js";
import { drainJobs, runDueJobs } from "./run.js";

const T0 = new Date("2026-06-01T12:00:00Z").getTime();

describe("job queue", () => {
  let db: TestDatabase;
  let now = T0;
  const clock: Clock = { now: () => new Date(now) };
  let merchantId: number;
  /** What the handlers saw, in run order. */
  let ran: { name: string; payload: unknown; attempts: number; finalAttempt: boolean }[] = [];
  const record = (ctx: JobContext, payload: unknown) =>
    void ran.push({
      name: ctx.job.name,
      payload,
      attempts: ctx.job.attempts,
      finalAttempt: ctx.finalAttempt,
    });

  const handlers = jobHandlers(
    defineJobHandler("test.echo", z.object({ n: z.number() }), async (ctx, payload) => record(ctx, payload)),
    // Writes a merchant, then fails when asked: its write must vanish with the failure.
    defineJobHandler(
      "test.write",
      z.object({ slug: z.string(), fail: z.boolean() }),
      async (ctx, payload) => {
        record(ctx, payload);
        ctx.em.create(Merchant, { slug: payload.slug, name: payload.slug });
        await ctx.em.flush();
        if (payload.fail) throw new Error(`refused ${payload.slug}`);
      },
    ),
  );
  const run = (extra: Partial<Parameters<typeof runDueJobs>[1]> = {}) =>
    runDueJobs(db.orm, { clock, workerId: "w1", handlers, ...extra });
  const job = (publicId: string): Promise<IJob> => db.em().findOneOrFail(Job, { publicId });

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    await em.flush();
    merchantId = merchant.id;
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    // Each test starts an hour later with an empty queue.
    now += 60 * 60_000;
    ran = [];
    await db.em().nativeDelete(Job, {});
  });

  it("runs a due job once, with its payload, and marks it completed", async () => {
    const queued = await enqueueJob(db.em(), {
      name: "test.echo",
      payload: { n: 7 },
      runAt: clock.now(),
      merchant: merchantId,
    });
    expect(queued).toMatchObject({ created: true, publicId: expect.stringMatching(/^job_/) });
    const before = await job(queued.publicId);
    expect(before).toMatchObject({ status: "queued", attempts: 0, maxAttempts: 5 });
    expect(before.merchant?.id).toBe(merchantId);

    expect(await run()).toMatchObject({ claimed: 1, completed: 1, retried: 0, failed: 0 });
    expect(ran).toEqual([{ name: "test.echo", payload: { n: 7 }, attempts: 1, finalAttempt: false }]);
    expect(await job(queued.publicId)).toMatchObject({
      status: "completed",
      attempts: 1,
      completedAt: new Date(now),
      lockedAt: null,
      lockedBy: null,
    });
    expect(await run()).toMatchObject({ claimed: 0 });
    expect(ran).toHaveLength(1);
  });

  it("enqueues with the caller's transaction: a rollback leaves no job", async () => {
    const failing = db
      .em()
      .transactional(async (em) => {
        em.create(Merchant, { slug: "rolled-back", name: "Rolled back" });
        await enqueueJob(em, { name: "test.echo", payload: { n: 1 }, runAt: clock.now() });
        throw new Error("business rule says no");
      })
      .catch((e: unknown) => e);
    expect(await failing).toBeInstanceOf(Error);
    expect(await db.em().count(Job, {})).toBe(0);
    expect(await db.em().count(Merchant, { slug: "rolled-back" })).toBe(0);

    await db.em().transactional(async (em) => {
      em.create(Merchant, { slug: "committed", name: "Committed" });
      await enqueueJob(em, { name: "test.echo", payload: { n: 2 }, runAt: clock.now() });
    });
    expect(await db.em().count(Job, {})).toBe(1);
    expect(await db.em().count(Merchant, { slug: "committed" })).toBe(1);
  });

  it("keeps one job per singleton key, even inside a transaction that goes on", async () => {
    const key = `renew:sub_x:${now}`;
    const first = await enqueueJob(db.em(), { name: "test.echo", payload: { n: 1 }, singletonKey: key });
    const again = await db.em().transactional(async (em) => {
      const second = await enqueueJob(em, { name: "test.echo", payload: { n: 2 }, singletonKey: key });
      // The transaction is still usable after the duplicate.
      em.create(Merchant, { slug: `after-dup-${now}`, name: "After" });
      return second;
    });
    expect(again).toEqual({ id: first.id, publicId: first.publicId, created: false });
    expect(await db.em().count(Job, { singletonKey: key })).toBe(1);
    expect((await job(first.publicId)).payload).toEqual({ n: 1 });
    expect(await db.em().count(Merchant, { slug: `after-dup-${now}` })).toBe(1);
  });

  it("claims only due jobs, higher priority first, at most `limit` per round", async () => {
    const at = (ms: number) => new Date(now + ms);
    await enqueueJob(db.em(), { name: "test.echo", payload: { n: 1 }, runAt: at(-3000) });
    await enqueueJob(db.em(), { name: "test.echo", payload: { n: 2 }, runAt: at(-1000), priority: 5 });
    await enqueueJob(db.em(), { name: "test.echo", payload: { n: 3 }, runAt: at(-2000) });
    await enqueueJob(db.em(), { name: "test.echo", payload: { n: 4 }, runAt: at(60_000) });

    expect(await run({ limit: 2 })).toMatchObject({ claimed: 2, completed: 2 });
    expect(ran.map((r) => r.payload)).toEqual([{ n: 2 }, { n: 1 }]);
    expect(await run({ limit: 2 })).toMatchObject({ claimed: 1 });
    expect(ran.map((r) => r.payload)).toEqual([{ n: 2 }, { n: 1 }, { n: 3 }]);
    // Not due yet.
    expect(await run()).toMatchObject({ claimed: 0 });
    now += 60_000;
    expect(await run()).toMatchObject({ claimed: 1 });
    expect(ran.at(-1)?.payload).toEqual({ n: 4 });
  });

  it("rolls back a failed run's writes, retries with exponential backoff, then fails for good", async () => {
    const retry = { baseMs: 1000, maxMs: 60_000 };
    const slug = `flaky-${now}`;
    const queued = await enqueueJob(db.em(), {
      name: "test.write",
      payload: { slug, fail: true },
      runAt: clock.now(),
      maxAttempts: 3,
    });

    expect(await run({ retry })).toMatchObject({ claimed: 1, retried: 1 });
    let row = await job(queued.publicId);
    expect(row).toMatchObject({ status: "queued", attempts: 1, lockedBy: null });
    expect(row.lastError).toBe(`refused ${slug}`);
    expect(row.runAt).toEqual(new Date(now + retryDelayMs(1, retry)));
    expect(await db.em().count(Merchant, { slug })).toBe(0);

    // Not before its backoff.
    now += 999;
    expect(await run({ retry })).toMatchObject({ claimed: 0 });
    now += 1;
    expect(await run({ retry })).toMatchObject({ claimed: 1, retried: 1 });
    row = await job(queued.publicId);
    expect(row.runAt).toEqual(new Date(now + 2000));

    now += 2000;
    expect(await run({ retry })).toMatchObject({ claimed: 1, failed: 1 });
    row = await job(queued.publicId);
    expect(row).toMatchObject({ status: "failed", attempts: 3, completedAt: null });
    expect(row.lastError).toBe(`refused ${slug}`);
    expect(ran.map((r) => [r.attempts, r.finalAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    now += 60 * 60_000;
    expect(await run({ retry })).toMatchObject({ claimed: 0 });
    expect(await db.em().count(Merchant, { slug })).toBe(0);
  });

  it("commits a transactional handler's writes with its completion", async () => {
    const queued = await enqueueJob(db.em(), {
      name: "test.write",
      payload: { slug: `steady-${now}`, fail: false },
      runAt: clock.now(),
    });
    expect(await run()).toMatchObject({ completed: 1 });
    expect((await job(queued.publicId)).status).toBe("completed");
    expect(await db.em().count(Merchant, { slug: `steady-${now}` })).toBe(1);
  });

  it("fails a job whose payload does not parse at once, and retries a job nobody handles", async () => {
    const bad = await enqueueJob(db.em(), { name: "test.echo", payload: { n: "seven" }, runAt: clock.now() });
    const orphan = await enqueueJob(db.em(), { name: "test.nobody", payload: {}, runAt: clock.now() });
    expect(await run()).toMatchObject({ claimed: 2, failed: 1, retried: 1 });
    const badRow = await job(bad.publicId);
    expect(badRow).toMatchObject({ status: "failed", attempts: 1 });
    expect(badRow.lastError).toMatch(/^invalid payload: .*n/s);
    const orphanRow = await job(orphan.publicId);
    expect(orphanRow).toMatchObject({ status: "queued", attempts: 1 });
    expect(orphanRow.lastError).toBe("no handler for jobs named test.nobody");
    expect(ran).toEqual([]);
  });

  it("takes back a job whose worker died, and fails one that had no attempts left", async () => {
    const lost = await enqueueJob(db.em(), { name: "test.echo", payload: { n: 1 }, runAt: clock.now() });
    const spent = await enqueueJob(db.em(), {
      name: "test.echo",
      payload: { n: 2 },
      runAt: clock.now(),
      maxAttempts: 1,
    });
    // A worker claims both, then its process vanishes.
    await db
      .em()
      .getConnection()
      .execute(
        `update job set status = 'running', attempts = attempts + 1, locked_at = ?, locked_by = 'dead:1:x' where id in (?, ?)`,
        [new Date(now), lost.id, spent.id],
      );
    now += 4 * 60_000;
    expect(await run()).toMatchObject({ recovered: 0, claimed: 0 });
    now += 60_000 + 1;
    expect(await run()).toMatchObject({ recovered: 2, claimed: 1, completed: 1 });
    expect(await job(lost.publicId)).toMatchObject({ status: "completed", attempts: 2 });
    const spentRow = await job(spent.publicId);
    expect(spentRow).toMatchObject({ status: "failed", attempts: 1 });
    expect(spentRow.lastError).toMatch(/dead:1:x.*expired/);
    expect(ran.map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it("hands claimed jobs back unrun when the worker stops mid-round", async () => {
    const stop = new AbortController();
    const stopping = jobHandlers(
      defineJobHandler("test.echo", z.object({ n: z.number() }), async (ctx, payload) => {
        record(ctx, payload);
        stop.abort();
      }),
    );
    for (const n of [1, 2, 3]) {
      await enqueueJob(db.em(), { name: "test.echo", payload: { n }, runAt: new Date(now - 10 + n) });
    }
    const round = await runDueJobs(db.orm, {
      clock,
      workerId: "w1",
      handlers: stopping,
      signal: stop.signal,
    });
    expect(round).toMatchObject({ claimed: 3, completed: 1, released: 2 });
    const rows = await db.em().find(Job, {}, { orderBy: { runAt: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.lockedBy])).toEqual([
      ["completed", 1, null],
      ["queued", 0, null],
      ["queued", 0, null],
    ]);
    expect(await drainJobs(db.orm, { clock, handlers })).toMatchObject({ claimed: 2, completed: 2 });
  });

  it("leaves jobs of a test clock to that clock", async () => {
    const em = db.em();
    const testClock = em.create(TestClock, {
      merchant: merchantId,
      name: "sandbox",
      frozenTime: new Date(T0),
    });
    await em.flush();
    const queued = await enqueueJob(db.em(), { name: "test.echo", payload: { n: 1 }, runAt: new Date(T0) });
    await db.em().nativeUpdate(Job, { id: queued.id }, { testClock: testClock.id });
    expect(await run()).toMatchObject({ claimed: 0 });
    expect((await job(queued.publicId)).status).toBe("queued");
  });
});
