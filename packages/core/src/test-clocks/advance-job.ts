import { TestClock, type EntityManager } from "@portico/db";
import { z } from "zod";
import { enqueueDueBillingWork, settleDuePayments } from "../billing-jobs/sweep.js";
import { fixedClock } from "../clock.js";
import { defineJobHandler, type JobHandlers } from "../jobs/handlers.js";
import { drainJobs } from "../jobs/run.js";
import { SANDBOX_PROCESSING_SECONDS } from "../payments/sandbox-gateway.js";
import { TEST_CLOCK_ADVANCE_JOB } from "./clocks.js";

export const ZTestClockAdvancePayload = z.object({
  /** `clock_…` */
  testClock: z.string().min(1),
  to: z.iso.datetime(),
});

/** Guards against a clock whose work never lets it move on. */
const MAX_ROUNDS = 5000;

/**
 * The earliest instant in (after, to] at which something of the clock falls due: a period
 * end or resume of one of its subscriptions, a dunning retry of their invoices, a queued job
 * of the clock (a failed one's backoff), or the settlement of a processing sandbox payment.
 */
async function nextDueAt(em: EntityManager, clockId: number, after: Date, to: Date): Promise<Date | null> {
  const window = [clockId, after, to] as const;
  const [row] = await em.execute<{ at: Date | string | null }[]>(
    `select min("at") as "at" from (
       select min("current_period_end") as "at" from "subscription"
        where "test_clock_id" = ? and "status" in ('trialing', 'active', 'past_due')
          and "current_period_end" > ? and "current_period_end" <= ?
       union all
       select min("resume_at") from "subscription"
        where "test_clock_id" = ? and "status" = 'paused' and "resume_at" > ? and "resume_at" <= ?
       union all
       select min("i"."next_payment_attempt_at") from "invoice" "i"
         join "subscription" "s" on "s"."id" = "i"."subscription_id"
        where "s"."test_clock_id" = ? and "i"."status" = 'open'
          and "i"."next_payment_attempt_at" > ? and "i"."next_payment_attempt_at" <= ?
       union all
       select min("run_at") from "job"
        where "test_clock_id" = ? and "status" = 'queued' and "run_at" > ? and "run_at" <= ?
       union all
       select min("p"."created_at" + make_interval(secs => ?)) from "payment" "p"
         join "invoice" "i" on "i"."id" = "p"."invoice_id"
         join "subscription" "s" on "s"."id" = "i"."subscription_id"
        where "s"."test_clock_id" = ? and "p"."status" = 'processing'
          and "p"."created_at" + make_interval(secs => ?) > ?
          and "p"."created_at" + make_interval(secs => ?) <= ?
     ) "due"`,
    [
      ...window,
      ...window,
      ...window,
      ...window,
      SANDBOX_PROCESSING_SECONDS,
      clockId,
      SANDBOX_PROCESSING_SECONDS,
      after,
      SANDBOX_PROCESSING_SECONDS,
      to,
    ],
  );
  return row?.at ? new Date(row.at) : null;
}

/**
 * Everything of the clock due at `at`, as the wall-clock worker would do it but on the
 * clock's time: queue due renewals and retries as jobs of the clock, run those jobs (and the
 * charges renewals queue) until none is due, then settle processing payments.
 */
async function runRound(
  em: EntityManager,
  handlers: JobHandlers,
  clock: { id: number; publicId: string },
  at: Date,
) {
  const scope = { testClockId: clock.id };
  await em.fork().transactional((tx) => enqueueDueBillingWork(tx, at, scope));
  await drainJobs(
    { em },
    { clock: fixedClock(at), handlers, testClockId: clock.id, workerId: `test-clock:${clock.publicId}` },
  );
  await settleDuePayments(em.fork(), fixedClock(at), scope);
}

/**
 * Moves a clock to `to` period by period: a round at its current time, then at each next
 * instant something falls due (nextDueAt), then at `to`. The clock's time is saved before
 * each round, so an advance cut short (a crash) resumes where it was when the job runs again;
 * every round is idempotent. Then the clock is `ready`.
 */
export async function runTestClockAdvance(
  em: EntityManager,
  handlers: JobHandlers,
  payload: z.output<typeof ZTestClockAdvancePayload>,
): Promise<void> {
  const to = new Date(payload.to);
  const found = await em.fork().findOne(TestClock, { publicId: payload.testClock });
  if (!found || found.status !== "advancing") return;
  let at = found.frozenTime.getTime() > to.getTime() ? to : found.frozenTime;
  for (let round = 0; ; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`test clock ${found.publicId}: more than ${MAX_ROUNDS} rounds`);
    await em.fork().nativeUpdate(TestClock, { id: found.id }, { frozenTime: at });
    await runRound(em, handlers, found, at);
    if (at.getTime() >= to.getTime()) break;
    at = (await nextDueAt(em.fork(), found.id, at, to)) ?? to;
  }
  await em.fork().nativeUpdate(TestClock, { id: found.id }, { status: "ready" });
}

/**
 * The `test_clock.advance` handler. `handlers` gives the worker's full set (the clock's jobs
 * are the same renewals and charges). The last failed attempt leaves the clock `ready` at the
 * time it reached, so it can be advanced again.
 */
export function testClockAdvanceJob(handlers: () => JobHandlers) {
  return defineJobHandler(
    TEST_CLOCK_ADVANCE_JOB,
    ZTestClockAdvancePayload,
    async (ctx, payload) => {
      try {
        await runTestClockAdvance(ctx.em, handlers(), payload);
      } catch (error) {
        if (ctx.finalAttempt) {
          await ctx.em.fork().nativeUpdate(TestClock, { publicId: payload.testClock }, { status: "ready" });
        }
        throw error;
      }
    },
    { transactional: false },
  );
}
