import type { MikroORM } from "@portico/db";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { systemClock, type Clock } from "../clock.js";
import type { RetryPolicy } from "./backoff.js";
import { silentJobLog, type JobHandlers, type JobLog } from "./handlers.js";
import { DEFAULT_JOB_BATCH, runDueJobs } from "./run.js";

export interface JobWorkerOptions {
  handlers: JobHandlers;
  /** Pause between rounds that found less than a full batch; default 1000 ms. */
  pollIntervalMs?: number;
  clock?: Clock;
  log?: JobLog;
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  lockTimeoutMs?: number;
}

export interface JobWorker {
  readonly workerId: string;
  /** Stops polling, hands back claimed jobs not started yet, and resolves once the running job ends. */
  stop(): Promise<void>;
}

/** `host:pid:random`, so `locked_by` tells which process holds a job. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * Polls the queue in this process until stopped. A full batch is followed at once by the
 * next round; otherwise the worker sleeps `pollIntervalMs`. A failed round (database down)
 * is logged and retried after the interval, never thrown.
 */
export function startJobWorker(orm: MikroORM, options: JobWorkerOptions): JobWorker {
  const workerId = newWorkerId();
  const log = options.log ?? silentJobLog;
  const batchSize = options.batchSize ?? DEFAULT_JOB_BATCH;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const stopping = new AbortController();
  let wake: (() => void) | null = null;

  const pause = () =>
    new Promise<void>((resolve) => {
      // unref: a worker someone forgot to stop does not keep the process alive.
      const timer = setTimeout(resolve, pollIntervalMs).unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let full = false;
      try {
        const round = await runDueJobs(orm, {
          clock: options.clock ?? systemClock,
          workerId,
          handlers: options.handlers,
          limit: batchSize,
          log,
          signal: stopping.signal,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
        });
        full = round.claimed === batchSize;
      } catch (error) {
        log.error({ err: error, workerId }, "job worker round failed");
      }
      if (!full && !stopping.signal.aborted) await pause();
    }
  })();
  log.info({ workerId, pollIntervalMs }, "job worker started");

  return {
    workerId,
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
      log.info({ workerId }, "job worker stopped");
    },
  };
}
