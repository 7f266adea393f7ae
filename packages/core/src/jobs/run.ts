import type { EntityManager, MikroORM } from "@portico/db";
import { z } from "zod";
import type { Clock } from "../clock.js";
import { retryDelayMs, type RetryPolicy } from "./backoff.js";
import { silentJobLog, type JobHandlers, type JobLog, type RunningJob } from "./handlers.js";

/**
 * One round of the queue: recover jobs whose worker died, claim due jobs, run them.
 *
 * Claiming is one statement, so any number of workers in any number of processes share the
 * table without running a job twice: its SELECT locks the rows it picks with
 * `FOR UPDATE SKIP LOCKED` (a row another worker is claiming is skipped, not waited for),
 * and PostgreSQL re-checks `status = 'queued'` on a row that changed meanwhile. Each job
 * then runs in an EntityManager fork of its own; a failure re-queues it with exponential
 * backoff until `max_attempts`, then leaves it `failed` with `last_error`.
 *
 * Jobs of a test clock (`test_clock_id`) are left alone: they run on that clock's time
 * when it is advanced, never on the worker's (advancing passes `testClockId` to run only them).
 */

/** Where jobs run: an ORM, or anything with an EntityManager to fork (a job running a test clock's jobs). */
export type JobDatabase = Pick<MikroORM, "em">;

export interface RunDueJobsOptions {
  clock: Clock;
  /** Written to `locked_by`; unique per worker (host, pid, random). */
  workerId: string;
  handlers: JobHandlers;
  /** Jobs claimed per round; default 10. */
  limit?: number;
  log?: JobLog;
  retry?: Partial<RetryPolicy>;
  /** A `running` job locked longer than this is taken back (its worker crashed); default 5 min. */
  lockTimeoutMs?: number;
  /** Aborted: the jobs claimed but not started yet go back to the queue untouched. */
  signal?: AbortSignal;
  /** Run only this test clock's jobs (internal id), with `clock` at the clock's time; default none. */
  testClockId?: number | null;
}

export interface JobRunSummary {
  /** Taken back from dead workers. */
  recovered: number;
  claimed: number;
  completed: number;
  /** Failed this time, queued again for later. */
  retried: number;
  /** Failed for good. */
  failed: number;
  /** Claimed, then handed back unrun because the worker is stopping. */
  released: number;
}

export const DEFAULT_JOB_BATCH = 10;
export const DEFAULT_LOCK_TIMEOUT_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 2000;

interface ClaimedRow {
  id: string | number;
  public_id: string;
  name: string;
  payload: Record<string, unknown>;
  priority: number;
  run_at: Date | string;
  attempts: number;
  max_attempts: number;
  merchant_id: string | number | null;
}

export async function runDueJobs(orm: JobDatabase, options: RunDueJobsOptions): Promise<JobRunSummary> {
  const log = options.log ?? silentJobLog;
  const summary: JobRunSummary = {
    recovered: await recoverExpiredLocks(orm.em.fork(), options),
    claimed: 0,
    completed: 0,
    retried: 0,
    failed: 0,
    released: 0,
  };
  if (summary.recovered > 0) log.warn({ jobs: summary.recovered }, "jobs taken back from a lost worker");
  const claimed = await claimDueJobs(orm.em.fork(), options);
  summary.claimed = claimed.length;
  for (const [index, job] of claimed.entries()) {
    if (options.signal?.aborted) {
      summary.released = await releaseJobs(orm.em.fork(), options.workerId, claimed.slice(index));
      break;
    }
    summary[await runJob(orm, job, { ...options, log })] += 1;
  }
  return summary;
}

export interface DrainJobsOptions extends Omit<RunDueJobsOptions, "workerId" | "signal"> {
  workerId?: string;
  /** Guards against a job that keeps enqueuing itself; default 1000. */
  maxJobs?: number;
}

/**
 * Runs rounds until nothing is due on `clock` (retries wait for their backoff, so they are
 * not due again). For tests, and for advancing a test clock.
 */
export async function drainJobs(orm: JobDatabase, options: DrainJobsOptions): Promise<JobRunSummary> {
  const total: JobRunSummary = { recovered: 0, claimed: 0, completed: 0, retried: 0, failed: 0, released: 0 };
  const maxJobs = options.maxJobs ?? 1000;
  for (;;) {
    const round = await runDueJobs(orm, { workerId: "drain", ...options });
    for (const key of Object.keys(total) as (keyof JobRunSummary)[]) total[key] += round[key];
    if (round.claimed === 0) return total;
    if (total.claimed > maxJobs) throw new Error(`drainJobs: more than ${maxJobs} jobs ran; is one looping?`);
  }
}

async function recoverExpiredLocks(em: EntityManager, options: RunDueJobsOptions): Promise<number> {
  const now = options.clock.now();
  const cutoff = new Date(now.getTime() - (options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS));
  const rows = await em.execute<{ id: string }[]>(
    `update "job" set
       "status" = case when "attempts" >= "max_attempts" then 'failed' else 'queued' end,
       "last_error" = 'the lock of worker ' || coalesce("locked_by", 'unknown') || ' expired (crashed or too slow)',
       "run_at" = ?, "locked_at" = null, "locked_by" = null, "updated_at" = ?
     where "status" = 'running' and "locked_at" < ? and "test_clock_id" is not distinct from ?
     returning "id"`,
    [now, now, cutoff, options.testClockId ?? null],
  );
  return rows.length;
}

type ClaimedJob = RunningJob & { payload: Record<string, unknown> };

async function claimDueJobs(em: EntityManager, options: RunDueJobsOptions): Promise<ClaimedJob[]> {
  const now = options.clock.now();
  const rows = await em.execute<ClaimedRow[]>(
    // The pick is a CTE, evaluated exactly once: as `id IN (SELECT … LIMIT n)` the planner
    // may run the subquery again per row and claim more than n.
    `with "picked" as (
       select "id" from "job"
        where "status" = 'queued' and "run_at" <= ? and "test_clock_id" is not distinct from ?
        order by "priority" desc, "run_at", "id"
        limit ?
        for update skip locked)
     update "job" set "status" = 'running', "locked_at" = ?, "locked_by" = ?,
       "attempts" = "attempts" + 1, "updated_at" = ?
     from "picked"
     where "job"."id" = "picked"."id" and "job"."status" = 'queued'
     returning "job"."id", "job"."public_id", "job"."name", "job"."payload", "job"."priority",
       "job"."run_at", "job"."attempts", "job"."max_attempts", "job"."merchant_id"`,
    [now, options.testClockId ?? null, options.limit ?? DEFAULT_JOB_BATCH, now, options.workerId, now],
  );
  // RETURNING has no order: run them as they were picked.
  rows.sort(
    (a, b) =>
      b.priority - a.priority ||
      new Date(a.run_at).getTime() - new Date(b.run_at).getTime() ||
      Number(a.id) - Number(b.id),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    publicId: row.public_id,
    name: row.name,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    merchantId: row.merchant_id === null ? null : Number(row.merchant_id),
  }));
}

type Outcome = "completed" | "retried" | "failed";

async function runJob(
  orm: JobDatabase,
  job: ClaimedJob,
  options: RunDueJobsOptions & { log: JobLog },
): Promise<Outcome> {
  const { clock, log, workerId } = options;
  const { payload, ...running } = job;
  const fields = { job: job.publicId, name: job.name, attempt: job.attempts };
  const handler = options.handlers.get(job.name);
  const parsed = handler?.schema.safeParse(payload);
  try {
    if (!handler) throw new Error(`no handler for jobs named ${job.name}`);
    if (!parsed?.success) {
      // It will never parse: no point retrying.
      const issues = parsed ? z.prettifyError(parsed.error) : "";
      return await finish(orm.em.fork(), job, workerId, clock, "failed", `invalid payload: ${issues}`);
    }
    const context = { clock, log, job: running, finalAttempt: job.attempts >= job.maxAttempts };
    if (handler.transactional) {
      await orm.em.fork().transactional(async (em) => {
        await handler.run({ ...context, em }, parsed.data);
        await markCompleted(em, job.id, workerId, clock.now());
      });
    } else {
      const em = orm.em.fork();
      await handler.run({ ...context, em }, parsed.data);
      await markCompleted(em, job.id, workerId, clock.now());
    }
    return "completed";
  } catch (error) {
    const final = job.attempts >= job.maxAttempts;
    const outcome = final ? "failed" : "retried";
    log[final ? "error" : "warn"]({ ...fields, err: error }, final ? "job failed" : "job failed, will retry");
    return finish(orm.em.fork(), job, workerId, clock, outcome, describeError(error), options.retry);
  }
}

async function markCompleted(em: EntityManager, id: number, workerId: string, now: Date): Promise<void> {
  await em.execute(
    `update "job" set "status" = 'completed', "completed_at" = ?, "locked_at" = null, "locked_by" = null, "updated_at" = ?
      where "id" = ? and "status" = 'running' and "locked_by" = ?`,
    [now, now, id, workerId],
  );
}

/** A failed run: back to the queue after its backoff, or `failed` for good. Only while we hold the lock. */
async function finish(
  em: EntityManager,
  job: RunningJob,
  workerId: string,
  clock: Clock,
  outcome: "retried" | "failed",
  error: string,
  retry?: Partial<RetryPolicy>,
): Promise<Outcome> {
  const now = clock.now();
  const runAt = outcome === "retried" ? new Date(now.getTime() + retryDelayMs(job.attempts, retry)) : now;
  await em.execute(
    `update "job" set "status" = ?, "run_at" = ?, "last_error" = ?, "locked_at" = null, "locked_by" = null, "updated_at" = ?
      where "id" = ? and "status" = 'running' and "locked_by" = ?`,
    [
      outcome === "retried" ? "queued" : "failed",
      runAt,
      error.slice(0, MAX_ERROR_LENGTH),
      now,
      job.id,
      workerId,
    ],
  );
  return outcome;
}

/** Claimed but never started: back to the queue as if never claimed. */
async function releaseJobs(em: EntityManager, workerId: string, jobs: RunningJob[]): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update "job" set "status" = 'queued', "attempts" = "attempts" - 1, "locked_at" = null, "locked_by" = null
      where "id" in (${jobs.map(() => "?").join(", ")}) and "status" = 'running' and "locked_by" = ?
      returning "id"`,
    [...jobs.map((job) => job.id), workerId],
  );
  return rows.length;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
