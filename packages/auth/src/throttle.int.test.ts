import { AppError } from "@portico/core";
import { RateLimitBucket } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrottle, type Throttle, type ThrottleStore } from "./throttle.js";
import type { ThrottleRule } from "./throttle-rules.js";

/** The error `hit` threw, or null when the attempt was let through. */
const outcome = (attempt: Promise<void>) =>
  attempt.then(
    () => null,
    (error: unknown) => error as AppError,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counter names unique to this run, so a shared Redis or a rerun never sees old counts. */
const run = randomUUID().slice(0, 8);
const rule = (name: string, ip: number, subject: number, durationSeconds = 600): ThrottleRule => ({
  key: `${name}-${run}`,
  ip: { points: ip, durationSeconds },
  subjectKind: "email",
  subject: { points: subject, durationSeconds },
});

/** The same behaviour on every store. */
function behavesAsAThrottle(openStore: () => Promise<ThrottleStore>) {
  let throttle: Throttle;
  beforeAll(async () => {
    throttle = await createThrottle({
      store: await openStore(),
      rules: {
        login: rule("login", 5, 3),
        loginCodeRequest: rule("code", 100, 3),
        loginCodeVerify: rule("parallel", 100, 5),
        passwordReset: rule("window", 2, 2, 1),
      },
    });
  });
  afterAll(() => throttle?.close());

  it("lets exactly N attempts through per e-mail, then answers RATE_LIMITED with the wait", async () => {
    const attempt = { ip: "203.0.113.7", subject: "someone@example.test" };
    for (let i = 0; i < 3; i++) expect(await outcome(throttle.hit("loginCodeRequest", attempt))).toBeNull();
    const limited = await outcome(throttle.hit("loginCodeRequest", attempt));
    expect(limited).toBeInstanceOf(AppError);
    expect(limited).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "RATE_LIMITED" });
    const retryAfter = limited!.details?.retryAfterSeconds as number;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The same address however it is typed.
    const shouted = await outcome(
      throttle.hit("loginCodeRequest", { ip: null, subject: " SomeOne@Example.TEST" }),
    );
    expect(shouted).toMatchObject({ reason: "RATE_LIMITED" });
  });

  it("keeps IP and e-mail counters independent; a blocked IP spends nothing of an e-mail's budget", async () => {
    const victim = "victim@example.test";
    for (let i = 0; i < 3; i++)
      expect(await outcome(throttle.hit("login", { ip: "198.51.100.1", subject: victim }))).toBeNull();
    // The e-mail is used up from any address …
    expect(await outcome(throttle.hit("login", { ip: "198.51.100.2", subject: victim }))).toMatchObject({
      reason: "RATE_LIMITED",
    });
    // … while its first address may still try other e-mails, up to the IP's own limit of 5.
    expect(
      await outcome(throttle.hit("login", { ip: "198.51.100.1", subject: "a@example.test" })),
    ).toBeNull();
    expect(
      await outcome(throttle.hit("login", { ip: "198.51.100.1", subject: "b@example.test" })),
    ).toBeNull();
    expect(
      await outcome(throttle.hit("login", { ip: "198.51.100.1", subject: "c@example.test" })),
    ).toMatchObject({
      reason: "RATE_LIMITED",
    });
    // c@ was refused on the IP and kept its whole budget.
    for (let i = 0; i < 3; i++)
      expect(
        await outcome(throttle.hit("login", { ip: "198.51.100.3", subject: "c@example.test" })),
      ).toBeNull();
  });

  it("lets exactly N of 20 parallel attempts through", async () => {
    const attempt = { ip: "192.0.2.20", subject: "parallel@example.test" };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => outcome(throttle.hit("loginCodeVerify", attempt))),
    );
    expect(results.filter((error) => error === null)).toHaveLength(5);
    expect(results.filter((error) => error?.reason === "RATE_LIMITED")).toHaveLength(15);
  });

  it("opens again when the window ends, and on reset", async () => {
    const attempt = { ip: "192.0.2.30", subject: null };
    expect(await outcome(throttle.hit("passwordReset", attempt))).toBeNull();
    expect(await outcome(throttle.hit("passwordReset", attempt))).toBeNull();
    const limited = await outcome(throttle.hit("passwordReset", attempt));
    expect(limited).toMatchObject({ reason: "RATE_LIMITED", details: { retryAfterSeconds: 1 } });
    await sleep(1_100);
    expect(await outcome(throttle.hit("passwordReset", attempt))).toBeNull();
    expect(await outcome(throttle.hit("passwordReset", attempt))).toBeNull();
    expect(await outcome(throttle.hit("passwordReset", attempt))).toMatchObject({ reason: "RATE_LIMITED" });
    await throttle.reset("passwordReset", attempt);
    expect(await outcome(throttle.hit("passwordReset", attempt))).toBeNull();
  });
}

describe("throttle on PostgreSQL (rate_limit_bucket)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  behavesAsAThrottle(async () => ({ kind: "postgres", orm: db.orm }));

  it("names its counters by action, IP and a hash of the e-mail, never the e-mail itself", async () => {
    const throttle = await createThrottle({ store: { kind: "postgres", orm: db.orm } });
    try {
      await throttle.hit("passwordResetRequest", {
        ip: "203.0.113.99",
        subject: "Private.Person@Example.test",
      });
      const keys = (await db.em().find(RateLimitBucket, { key: { $like: "reset-request:%" } })).map(
        (row) => row.key,
      );
      expect(keys.sort()).toEqual([
        expect.stringMatching(/^reset-request:email:[0-9a-f]{64}$/),
        "reset-request:ip:203.0.113.99",
      ]);
      const rows = await db.em().find(RateLimitBucket, {});
      expect(rows.some((row) => row.key.toLowerCase().includes("private.person"))).toBe(false);
    } finally {
      await throttle.close();
    }
  });
});

describe("throttle while its store is down", () => {
  it("keeps counting in memory: neither opens the gates nor fails every attempt", async () => {
    const db = await createTestDatabase();
    const throttle = await createThrottle({
      store: { kind: "postgres", orm: db.orm },
      rules: { login: rule("outage", 100, 2) },
    });
    await db.close();
    try {
      const attempt = { ip: "192.0.2.40", subject: "outage@example.test" };
      expect(await outcome(throttle.hit("login", attempt))).toBeNull();
      expect(await outcome(throttle.hit("login", attempt))).toBeNull();
      expect(await outcome(throttle.hit("login", attempt))).toMatchObject({ reason: "RATE_LIMITED" });
    } finally {
      await throttle.close();
    }
  });
});

describe.runIf(process.env.REDIS_URL)("throttle on Redis (REDIS_URL)", () => {
  behavesAsAThrottle(async () => ({ kind: "redis", url: process.env.REDIS_URL! }));

  it("keeps its counters under portico:throttle:", async () => {
    const throttle = await createThrottle({
      store: { kind: "redis", url: process.env.REDIS_URL! },
      rules: { login: rule("names", 5, 5) },
    });
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      await throttle.hit("login", { ip: "203.0.113.5", subject: "named@example.test" });
      const keys = await redis.keys(`portico:throttle:names-${run}:*`);
      expect(keys.sort()).toEqual([
        expect.stringMatching(new RegExp(`^portico:throttle:names-${run}:email:[0-9a-f]{64}$`)),
        `portico:throttle:names-${run}:ip:203.0.113.5`,
      ]);
      expect(await redis.pttl(keys[0]!)).toBeGreaterThan(590_000);
    } finally {
      redis.disconnect();
      await throttle.close();
    }
  });
});
