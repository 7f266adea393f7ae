import { AppError } from "@portico/core";
import { RateLimitBucket, type MikroORM } from "@portico/db";
import { Redis } from "ioredis";
import { createHash } from "node:crypto";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import {
  throttleRules,
  type ThrottleAction,
  type ThrottleLimit,
  type ThrottleRules,
} from "./throttle-rules.js";

/**
 * Per-IP and per-subject throttles in front of the guessable and mail-sending auth
 * procedures, on rate-limiter-flexible. Counters live in PostgreSQL (`rate_limit_bucket`,
 * created by the migrations) or, with REDIS_URL, in Redis, so every server process shares
 * them. One Throttle is built per process at start and handed to each request's context.
 */

export type ThrottleStore = { kind: "postgres"; orm: MikroORM } | { kind: "redis"; url: string };

export interface ThrottleOptions {
  store: ThrottleStore;
  /** Multiplies every default limit (THROTTLE_SCALE). */
  scale?: number;
  /** Replaces whole rules (tests use short windows). */
  rules?: Partial<ThrottleRules>;
  /** Where store failures are reported; the in-memory insurance limiter answers meanwhile. */
  log?: { warn(obj: object, msg?: string): void };
}

/** Who is attempting: the client address and the subject (an e-mail, a user), either unknown. */
export interface ThrottleAttempt {
  ip: string | null;
  subject: string | null;
}

export interface Throttle {
  /**
   * Counts one attempt at `action`; throws TOO_MANY_REQUESTS / RATE_LIMITED with
   * `details.retryAfterSeconds` when the IP's or the subject's limit is used up.
   */
  hit(action: ThrottleAction, attempt: ThrottleAttempt): Promise<void>;
  /** Forgets the counters of one attempt's IP and subject (tests; an operator's unblock). */
  reset(action: ThrottleAction, attempt: ThrottleAttempt): Promise<void>;
  close(): Promise<void>;
}

/** For callers that are not behind the throttle (in-process callers, tests of other behaviour). */
export const noThrottle: Throttle = Object.freeze({
  hit: async () => {},
  reset: async () => {},
  close: async () => {},
});

type LimiterOptions = ConstructorParameters<typeof RateLimiterMemory>[0];

interface ActionLimiters {
  ip: RateLimiterAbstract;
  subject: RateLimiterAbstract | null;
}

/** Rows that expired an hour ago are deleted this often (the library's own cadence). */
const CLEANUP_INTERVAL_MS = 5 * 60_000;
const HOUR_MS = 60 * 60_000;

/**
 * Subjects are trimmed, lower-cased (known and unknown e-mails alike) and hashed, so the
 * counters' names hold no e-mail address or other secret a user typed.
 */
function subjectKey(subject: string): string {
  return createHash("sha256").update(subject.trim().toLowerCase()).digest("hex");
}

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError(
    "TOO_MANY_REQUESTS",
    "RATE_LIMITED",
    // One fixed message whatever the subject: the wait is in details (and Retry-After).
    "Too many attempts. Try again later.",
    { details: { retryAfterSeconds } },
  );
}

interface PgQuery {
  text: string;
  values?: unknown[];
}

/**
 * RateLimiterPostgres's store client: MikroORM's own pool (the embedded PGlite or the
 * server), with the library's prepared-statement names dropped. pglite-socket serves every
 * connection from ONE PGlite session, so a statement named on one connection fails on the
 * next with "prepared statement … already exists"; the insurance limiter would then count
 * in memory and let more through. Unnamed statements behave the same on both databases.
 */
function unnamedStatements(orm: MikroORM) {
  const knex = orm.em.getConnection().getKnex();
  return {
    async query({ text, values }: PgQuery): Promise<unknown> {
      const connection = (await knex.client.acquireConnection()) as {
        query(query: PgQuery): Promise<unknown>;
      };
      try {
        return await connection.query({ text, values });
      } finally {
        await knex.client.releaseConnection(connection);
      }
    },
  };
}

/** Builds the limiters for every rule on one store; connects to Redis first when it is the store. */
export async function createThrottle(options: ThrottleOptions): Promise<Throttle> {
  const rules = throttleRules(options.scale, options.rules);
  const { store, log } = options;
  let redis: Redis | null = null;
  let cleanup: NodeJS.Timeout | null = null;
  let storeLimiter: (limiterOptions: LimiterOptions) => RateLimiterAbstract;

  if (store.kind === "redis") {
    // No offline queue: while Redis is unreachable a call fails at once and the insurance
    // limiter answers, instead of requests hanging until it is back.
    const client = new Redis(store.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    client.on("error", (error: unknown) => log?.warn({ err: error }, "throttle: Redis store error"));
    // Connected up front, so a wrong REDIS_URL stops the start instead of the first sign-in.
    await client.connect().catch((error: unknown) => {
      client.disconnect();
      throw error;
    });
    redis = client;
    storeLimiter = (limiterOptions) =>
      new RateLimiterRedis({
        ...limiterOptions,
        keyPrefix: `portico:throttle:${limiterOptions.keyPrefix}`,
        storeClient: client,
      });
  } else {
    const client = unnamedStatements(store.orm);
    storeLimiter = (limiterOptions) =>
      new RateLimiterPostgres({
        ...limiterOptions,
        storeClient: client,
        storeType: "pool",
        tableName: "rate_limit_bucket",
        tableCreated: true,
        // Expired rows are cleared below, once for the whole table, not once per limiter.
        clearExpiredByTimeout: false,
      });
    cleanup = setInterval(() => {
      store.orm.em
        .fork()
        .nativeDelete(RateLimitBucket, { expire: { $lt: Date.now() - HOUR_MS } })
        .catch((error: unknown) => log?.warn({ err: error }, "throttle: clearing expired counters failed"));
    }, CLEANUP_INTERVAL_MS);
    cleanup.unref();
  }

  const limiter = (keyPrefix: string, limit: ThrottleLimit): RateLimiterAbstract => {
    const options = { keyPrefix, points: limit.points, duration: limit.durationSeconds };
    // A store outage must neither open the gates nor fail every sign-in: count in memory meanwhile.
    return storeLimiter({ ...options, insuranceLimiter: new RateLimiterMemory(options) });
  };

  const limiters = {} as Record<ThrottleAction, ActionLimiters>;
  for (const action of Object.keys(rules) as ThrottleAction[]) {
    const rule = rules[action];
    limiters[action] = {
      ip: limiter(`${rule.key}:ip`, rule.ip),
      subject:
        rule.subject && rule.subjectKind ? limiter(`${rule.key}:${rule.subjectKind}`, rule.subject) : null,
    };
  }

  /** The counters one attempt touches, IP first. */
  const countersOf = (action: ThrottleAction, attempt: ThrottleAttempt) => {
    const { ip, subject } = limiters[action];
    const counters: { limiter: RateLimiterAbstract; key: string }[] = [];
    if (attempt.ip !== null) counters.push({ limiter: ip, key: attempt.ip });
    if (subject && attempt.subject !== null)
      counters.push({ limiter: subject, key: subjectKey(attempt.subject) });
    return counters;
  };

  return {
    async hit(action, attempt) {
      // One at a time: a client over its IP limit spends nothing of the subject's budget.
      for (const { limiter, key } of countersOf(action, attempt)) {
        try {
          await limiter.consume(key);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          throw rateLimited(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        }
      }
    },
    async reset(action, attempt) {
      await Promise.all(countersOf(action, attempt).map(({ limiter, key }) => limiter.delete(key)));
    },
    async close() {
      if (cleanup) clearInterval(cleanup);
      await redis?.quit();
    },
  };
}
