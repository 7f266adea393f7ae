import { newPublicId, type EntityManager } from "@portico/db";

export interface EnqueueJobInput {
  /** Handler name (`email.send`, `subscription.renew`). */
  name: string;
  /** JSON only; ids of rows, never secrets (job rows are kept after they run). */
  payload: Record<string, unknown>;
  /** Not before this time; defaults to now on the wall clock (pass `clock.now()` when you have one). */
  runAt?: Date;
  /** Higher first among jobs due at the same time. */
  priority?: number;
  /** Runs before the job fails for good (the first run included); default 5. */
  maxAttempts?: number;
  /** At most one job ever holds this key (`renew:sub_…:2026-03-01`): a second enqueue is a no-op. */
  singletonKey?: string;
  /** Internal id of the merchant the job works for. */
  merchant?: number | { id: number } | null;
  /** Internal id of a test clock: the job then runs only when that clock is advanced, on its time. */
  testClock?: number | null;
  /**
   * A job holding `singletonKey` that failed for good at least this long before `runAt` is
   * queued again with fresh attempts (the caller still needs it done: a due renewal).
   * Omitted: a failed job keeps its key for ever.
   */
  reviveFailedAfterMs?: number;
}

export interface EnqueuedJob {
  id: number;
  publicId: string;
  /** false when `singletonKey` was taken and this is the job that holds it. */
  created: boolean;
}

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Inserts a job with the caller's `em`: inside `em.transactional` it commits or rolls back
 * with the business write that caused it; outside one it is written at once, so flush the
 * rows it refers to first. A taken `singletonKey` changes nothing and answers the job that
 * holds it (ON CONFLICT DO NOTHING: no unique violation aborts the caller's transaction),
 * unless `reviveFailedAfterMs` lets it re-queue a job that failed for good (then `created`).
 */
export async function enqueueJob(em: EntityManager, input: EnqueueJobInput): Promise<EnqueuedJob> {
  const merchant = typeof input.merchant === "object" ? (input.merchant?.id ?? null) : input.merchant;
  const runAt = input.runAt ?? new Date();
  const revive = input.reviveFailedAfterMs;
  const onConflict =
    revive === undefined
      ? "do nothing"
      : `do update set "status" = 'queued', "attempts" = 0, "run_at" = excluded."run_at",
           "locked_at" = null, "locked_by" = null, "updated_at" = excluded."run_at"
         where "job"."status" = 'failed' and "job"."updated_at" <= ?`;
  const rows = await em.execute<{ id: string | number; public_id: string }[]>(
    `insert into "job" ("public_id", "name", "payload", "priority", "run_at", "max_attempts", "singleton_key", "merchant_id", "test_clock_id")
     values (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
     on conflict ("singleton_key") ${onConflict}
     returning "id", "public_id"`,
    [
      newPublicId("job"),
      input.name,
      JSON.stringify(input.payload),
      input.priority ?? 0,
      runAt,
      input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      input.singletonKey ?? null,
      merchant ?? null,
      input.testClock ?? null,
      ...(revive === undefined ? [] : [new Date(runAt.getTime() - revive)]),
    ],
  );
  const inserted = rows[0];
  if (inserted) return { id: Number(inserted.id), publicId: inserted.public_id, created: true };
  const [existing] = await em.execute<{ id: string | number; public_id: string }[]>(
    `select "id", "public_id" from "job" where "singleton_key" = ?`,
    [input.singletonKey ?? null],
  );
  if (!existing) throw new Error(`enqueueJob: job ${input.name} was neither inserted nor found`);
  return { id: Number(existing.id), publicId: existing.public_id, created: false };
}
