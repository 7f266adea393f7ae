import type { EntityManager } from "@portico/db";
import { createHash } from "node:crypto";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";

/** How long a running attempt holds its key before another may take it over (a crash). */
export const IDEMPOTENCY_LOCK_SECONDS = 120;
/** How long a key is remembered (Stripe's: 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export interface IdempotentCall {
  merchantId: number;
  /** The operation (`invoices.pay`); one key may be used once per operation. */
  scope: string;
  key: string;
  /** The parameters that must be equal on a retry (JSON-serializable). */
  request: unknown;
}

export interface IdempotentResult<T> {
  value: T;
  /** The stored response of an earlier call with this key, not a new execution. */
  replayed: boolean;
}

interface RecordRow {
  id: number;
  request_hash: string;
  status: "in_progress" | "completed";
  response_json: unknown;
  locked_until: Date | null;
  expires_at: Date;
}

/** JSON with object keys sorted, so equal parameters hash equally whatever their order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** SHA-256 (hex) of the normalized parameters; `undefined` fields count as absent. */
export function requestHash(request: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(request) ?? "null")
    .digest("hex");
}

/** A key as given (trimmed): 1 to 255 characters, or BAD_REQUEST. */
export function checkIdempotencyKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0 || trimmed.length > 255) {
    throw new AppError(
      "BAD_REQUEST",
      "INVALID_IDEMPOTENCY_KEY",
      "An idempotency key is 1 to 255 characters.",
    );
  }
  return trimmed;
}

/**
 * Runs `fn` at most once per (merchant, scope, key) and stores its JSON result:
 * - the first call inserts an `in_progress` record (the unique key decides the race),
 *   runs `fn`, stores the result and completes the record;
 * - a later call with the same parameters gets the stored result (`replayed`);
 *   different parameters → CONFLICT `IDEMPOTENCY_KEY_REUSED`;
 * - a call while another holds the key → CONFLICT `IDEMPOTENCY_IN_PROGRESS` with
 *   `retryAfter`: it does not wait, so nothing ever blocks on a row lock (PGlite serves one
 *   connection at a time);
 * - an attempt that crashed leaves its lock to expire (`lockedUntil`), then the next call
 *   takes the key over and runs `fn` again — `fn` must therefore resume rather than repeat
 *   (payments find the row they reserved under the key);
 * - when `fn` throws, the key is released: bad input changes nothing, a retry runs afresh.
 * Runs outside any transaction (its record must be visible to concurrent callers at once);
 * `fn` opens its own. Replayed values are parsed JSON (dates come back as strings).
 */
export async function withIdempotency<T>(
  em: EntityManager,
  clock: Clock,
  call: IdempotentCall,
  fn: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  const key = checkIdempotencyKey(call.key);
  const hash = requestHash(call.request);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const lockedUntil = new Date(now.getTime() + IDEMPOTENCY_LOCK_SECONDS * 1000);
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_RETENTION_HOURS * 3_600_000);
    const inserted = await em.execute<{ id: number }[]>(
      `insert into "idempotency_record" ("merchant_id", "scope", "key", "request_hash", "status", "locked_until", "expires_at")
       values (?, ?, ?, ?, 'in_progress', ?, ?)
       on conflict ("merchant_id", "scope", "key") do nothing returning "id"`,
      [call.merchantId, call.scope, key, hash, lockedUntil, expiresAt],
    );
    if (inserted[0]) return { value: await runOwned(em, inserted[0].id, fn), replayed: false };

    const [row] = await em.execute<RecordRow[]>(
      `select "id", "request_hash", "status", "response_json", "locked_until", "expires_at"
       from "idempotency_record" where "merchant_id" = ? and "scope" = ? and "key" = ?`,
      [call.merchantId, call.scope, key],
    );
    if (!row) continue; // released by a failed attempt meanwhile: try to insert again
    if (new Date(row.expires_at).getTime() <= now.getTime()) {
      // Forgotten: the key starts a new life with these parameters.
      const [taken] = await em.execute<{ id: number }[]>(
        `update "idempotency_record" set "request_hash" = ?, "status" = 'in_progress', "response_json" = null,
           "locked_until" = ?, "expires_at" = ?, "updated_at" = now()
         where "id" = ? and "expires_at" <= ? returning "id"`,
        [hash, lockedUntil, expiresAt, row.id, now],
      );
      if (taken) return { value: await runOwned(em, taken.id, fn), replayed: false };
      continue;
    }
    if (row.request_hash !== hash) {
      throw new AppError(
        "CONFLICT",
        "IDEMPOTENCY_KEY_REUSED",
        "This idempotency key was used with other parameters; use a new key for a new request.",
        { details: { scope: call.scope } },
      );
    }
    if (row.status === "completed") return { value: row.response_json as T, replayed: true };
    const heldUntil = row.locked_until ? new Date(row.locked_until) : null;
    if (!heldUntil || heldUntil.getTime() > now.getTime()) throw inProgress(heldUntil);
    const [takenOver] = await em.execute<{ id: number }[]>(
      `update "idempotency_record" set "locked_until" = ?, "updated_at" = now()
       where "id" = ? and "status" = 'in_progress' and "locked_until" <= ? returning "id"`,
      [lockedUntil, row.id, now],
    );
    if (!takenOver) throw inProgress(heldUntil);
    return { value: await runOwned(em, takenOver.id, fn), replayed: false };
  }
  throw inProgress(null);
}

function inProgress(until: Date | null): AppError {
  return new AppError(
    "CONFLICT",
    "IDEMPOTENCY_IN_PROGRESS",
    "A request with this idempotency key is still being processed; retry shortly.",
    { details: { retryAfter: until?.toISOString() ?? null } },
  );
}

async function runOwned<T>(em: EntityManager, recordId: number, fn: () => Promise<T>): Promise<T> {
  let value: T;
  try {
    value = await fn();
  } catch (error) {
    await em.execute(`delete from "idempotency_record" where "id" = ? and "status" = 'in_progress'`, [
      recordId,
    ]);
    throw error;
  }
  await em.execute(
    `update "idempotency_record" set "status" = 'completed', "response_json" = ?::jsonb, "locked_until" = null,
       "updated_at" = now() where "id" = ?`,
    [JSON.stringify(value ?? null), recordId],
  );
  return value;
}
