import type { Clock } from "@portico/core";
import type { EntityManager } from "@portico/db";
import { DEFAULT_AUTH_SETTINGS, MINUTE_MS, type AuthSettings } from "./settings.js";

/**
 * Account lockout, race-free by reserving the attempt BEFORE the password is checked.
 *
 * Why a reservation: argon2 runs in Node, outside SQL, for ~10 ms. If a failure were only
 * counted after the check ("verify, then UPDATE … + 1"), twenty parallel guesses would
 * all pass a "not locked" check, all be verified, and the lock would come too late: that
 * is exactly the race an attacker exploits. So every attempt first takes a slot in ONE
 * atomic statement:
 *
 *   UPDATE <table> SET failed_login_count = <1 after an expired lock, else count + 1>,
 *                      locked_until = <now + duration when that count reaches max>
 *    WHERE id = $id AND (locked_until IS NULL OR locked_until <= $now)
 *   RETURNING failed_login_count, locked_until
 *
 * PostgreSQL serialises UPDATEs of one row: a second writer waits for the first to commit,
 * then re-checks the WHERE clause against the new row version (READ COMMITTED's
 * EvalPlanQual). The attempt that takes slot `max` sets `locked_until` in the same
 * statement, so every concurrent or later attempt matches no row and is refused without
 * a password check. At most `max` passwords are ever verified per lock window, whatever
 * the concurrency; PGlite runs one statement at a time, which is trivially the same.
 *
 * A verified password then resets the count (and lifts a lock its own slot may have set:
 * whoever holds the password gains nothing by guessing). A failure needs no second write:
 * it was counted by the reservation. `SELECT … FOR UPDATE` across the argon2 check would
 * also work on a server, but holds a transaction open for the hash and deadlocks PGlite
 * (a second connection's query waits for the open transaction; STACK-NOTES §6).
 */

export type LockableTable = "merchant_user" | "customer_user";

export type AttemptReservation =
  | { ok: true; failedLoginCount: number; lockedUntil: Date | null; lockedNow: boolean }
  | { ok: false; lockedUntil: Date };

interface CounterRow {
  failed_login_count: number;
  locked_until: Date | string | null;
}

const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

/**
 * Takes one attempt slot for the user, or reports the lock. `lockedNow` is true for the
 * attempt whose slot set the lock (if its password turns out wrong, it is the one that
 * locked the account: exactly one per lock).
 */
export async function reserveLoginAttempt(
  em: EntityManager,
  clock: Clock,
  table: LockableTable,
  userId: number,
  settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
): Promise<AttemptReservation> {
  const connection = em.getConnection();
  // A success between our UPDATE and the SELECT may lift the lock: try again then.
  for (let round = 0; round < 3; round++) {
    const now = clock.now();
    const lockUntil = new Date(now.getTime() + settings.lockoutMinutes * MINUTE_MS);
    const rows = await connection.execute<CounterRow[]>(
      `update "${table}" set
         "failed_login_count" = case when "locked_until" is not null then 1 else "failed_login_count" + 1 end,
         "locked_until" = case
           when (case when "locked_until" is not null then 1 else "failed_login_count" + 1 end) >= ?
           then ?::timestamptz else null end
       where "id" = ? and ("locked_until" is null or "locked_until" <= ?::timestamptz)
       returning "failed_login_count", "locked_until"`,
      [settings.lockoutMaxAttempts, lockUntil, userId, now],
    );
    const reserved = rows[0];
    if (reserved) {
      const lockedUntil = toDate(reserved.locked_until);
      return {
        ok: true,
        failedLoginCount: reserved.failed_login_count,
        lockedUntil,
        lockedNow: lockedUntil !== null,
      };
    }
    const [current] = await connection.execute<CounterRow[]>(
      `select "failed_login_count", "locked_until" from "${table}" where "id" = ?`,
      [userId],
    );
    const lockedUntil = toDate(current?.locked_until ?? null);
    if (lockedUntil && lockedUntil.getTime() > now.getTime()) return { ok: false, lockedUntil };
  }
  throw new Error(`reserveLoginAttempt: could not reserve an attempt for ${table} ${userId}`);
}

/** After a verified password: the count restarts, any lock is lifted, the sign-in is noted. */
export async function recordLoginSuccess(
  em: EntityManager,
  clock: Clock,
  table: LockableTable,
  userId: number,
): Promise<void> {
  await em
    .getConnection()
    .execute(
      `update "${table}" set "failed_login_count" = 0, "locked_until" = null, "last_login_at" = ? where "id" = ?`,
      [clock.now(), userId],
    );
}
