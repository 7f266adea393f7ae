import { createOrmConfig, Job, MikroORM } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { systemClock } from "../clock.js";
import { enqueueJob } from "./enqueue.js";
import { defineJobHandler, jobHandlers } from "./handlers.js";
import { runDueJobs } from "./run.js";

const JOBS = 150;

// PGlite serves one connection at a time, so only a real server can show two workers
// racing for the same rows.
describe.runIf(process.env.DATABASE_URL)("two processes' workers on one PostgreSQL server", () => {
  let db: TestDatabase;
  let other: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase();
    // A second ORM with its own pool: what another server process would have.
    other = await MikroORM.init(createOrmConfig({ clientUrl: db.url, poolMax: 4 }));
  });
  afterAll(async () => {
    await other?.close(true);
    await db?.close();
  });

  it("never run the same job twice", async () => {
    const em = db.em();
    for (let n = 0; n < JOBS; n++) {
      await enqueueJob(em, { name: "test.count", payload: { n }, runAt: new Date(Date.now() - 1000) });
    }
    const runs: { n: number; worker: string }[] = [];
    const countingHandlers = (worker: string) =>
      jobHandlers(
        defineJobHandler("test.count", z.object({ n: z.number() }), async (_ctx, { n }) => {
          runs.push({ n, worker });
          await sleep(1);
        }),
      );

    // Three loops per process, each claiming small batches until the queue is empty.
    const loop = async (orm: MikroORM, worker: string) => {
      const handlers = countingHandlers(worker);
      for (;;) {
        const round = await runDueJobs(orm, { clock: systemClock, workerId: worker, handlers, limit: 3 });
        if (round.claimed === 0) return;
      }
    };
    await Promise.all([
      loop(db.orm, "a1"),
      loop(db.orm, "a2"),
      loop(db.orm, "a3"),
      loop(other, "b1"),
      loop(other, "b2"),
      loop(other, "b3"),
    ]);

    expect(runs).toHaveLength(JOBS);
    expect(new Set(runs.map((r) => r.n)).size).toBe(JOBS);
    expect(new Set(runs.map((r) => r.worker[0])).size).toBe(2);
    expect(await db.em().count(Job, { status: "completed", attempts: 1 })).toBe(JOBS);
  });
});
