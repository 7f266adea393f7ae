import { Job, type IJob } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { systemClock } from "../clock.js";
import { enqueueJob } from "./enqueue.js";
import { defineJobHandler, jobHandlers } from "./handlers.js";
import { startJobWorker } from "./worker.js";

/** Polls `read` until `done` holds (or fails the test after `ms`). */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`waitFor: still ${JSON.stringify(value)} after ${ms} ms`);
    await sleep(25);
  }
}

describe("startJobWorker", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  const job = (publicId: string): Promise<IJob> => db.em().findOneOrFail(Job, { publicId });

  it("runs jobs as they are enqueued, and its stop waits for the running job", async () => {
    let release!: () => void;
    const slowGate = new Promise<void>((resolve) => (release = resolve));
    const started: number[] = [];
    const handlers = jobHandlers(
      defineJobHandler(
        "test.slow",
        z.object({ n: z.number() }),
        async (_ctx, { n }) => {
          started.push(n);
          if (n === 2) await slowGate;
        },
        // No transaction held while it waits: on PGlite that would block the test's reads.
        { transactional: false },
      ),
    );
    const lines: string[] = [];
    const worker = startJobWorker(db.orm, {
      handlers,
      pollIntervalMs: 50,
      clock: systemClock,
      log: { info: (_o, m) => lines.push(m ?? ""), warn() {}, error() {} },
    });
    expect(worker.workerId).toMatch(/^.+:\d+:[0-9a-f]{8}$/);

    const first = await enqueueJob(db.em(), { name: "test.slow", payload: { n: 1 } });
    expect(
      (
        await waitFor(
          () => job(first.publicId),
          (j) => j.status === "completed",
        )
      ).attempts,
    ).toBe(1);

    const second = await enqueueJob(db.em(), { name: "test.slow", payload: { n: 2 } });
    await waitFor(
      async () => started,
      (s) => s.includes(2),
    );
    let stopped = false;
    const stopping = worker.stop().then(() => void (stopped = true));
    await sleep(200);
    // Still waiting for job 2.
    expect(stopped).toBe(false);
    expect((await job(second.publicId)).status).toBe("running");
    release();
    await stopping;
    expect((await job(second.publicId)).status).toBe("completed");

    // Stopped: nothing more runs.
    const third = await enqueueJob(db.em(), { name: "test.slow", payload: { n: 3 } });
    await sleep(200);
    expect((await job(third.publicId)).status).toBe("queued");
    expect(started).toEqual([1, 2]);
    expect(lines).toEqual(["job worker started", "job worker stopped"]);
  });
});
