import { defineEntity, type InferEntity } from "@mikro-orm/core";
import { counterColumn, createdAtColumn, idColumn, publicIdColumn, updatedAtColumn } from "./columns.js";
import { Customer } from "./customer.js";
import { Merchant } from "./merchant.js";

export const JOB_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The job queue (pg-boss needs Node 22): workers claim due rows with
 * `SELECT … WHERE status = 'queued' AND run_at <= now ORDER BY run_at FOR UPDATE SKIP LOCKED`
 * through the partial index on run_at. `singletonKey` (unique) makes scheduling
 * idempotent (`renew:sub_…:2026-03-01`). Jobs of a test clock run on that clock's time,
 * when the clock is advanced, not on the wall clock.
 */
export const Job = defineEntity({
  name: "Job",
  tableName: "job",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("job"),
    /** Handler name (`subscription.renew`, `email.send`, `webhook.deliver`). */
    name: p.string().length(100),
    payload: p
      .json<Record<string, unknown>>()
      .defaultRaw("'{}'::jsonb")
      .onCreate(() => ({})),
    status: p.enum([...JOB_STATUSES]).default("queued"),
    /** Higher first among jobs due at the same time. */
    priority: p.integer().default(0),
    runAt: p
      .datetime()
      .defaultRaw("now()")
      .onCreate(() => new Date()),
    attempts: counterColumn(),
    maxAttempts: p.integer().default(5),
    lockedAt: p.datetime().nullable(),
    lockedBy: p.string().length(200).nullable(),
    lastError: p.text().nullable(),
    singletonKey: p.string().length(255).nullable().unique(),
    merchant: () => p.manyToOne(Merchant).ref().nullable(),
    testClock: () => p.manyToOne(TestClock).ref().nullable().deleteRule("cascade"),
    completedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [
    {
      name: "job_queued_run_at_index",
      expression: `create index "job_queued_run_at_index" on "job" ("run_at") where "status" = 'queued'`,
    },
    { properties: ["status", "lockedAt"] },
    { properties: ["testClock", "status", "runAt"] },
  ],
});
export type IJob = InferEntity<typeof Job>;

export const TEST_CLOCK_STATUSES = ["ready", "advancing"] as const;
export type TestClockStatus = (typeof TEST_CLOCK_STATUSES)[number];

/**
 * Sandbox time for a customer's billing: subscriptions and jobs attached to the clock see
 * `frozenTime` as now; advancing it runs every job that falls due, in order.
 */
export const TestClock = defineEntity({
  name: "TestClock",
  tableName: "test_clock",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("clock"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref().nullable(),
    name: p.string().length(200),
    frozenTime: p.datetime(),
    status: p.enum([...TEST_CLOCK_STATUSES]).default("ready"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant"] }, { properties: ["customer"] }],
});
export type ITestClock = InferEntity<typeof TestClock>;
