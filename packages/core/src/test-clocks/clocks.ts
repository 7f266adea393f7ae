import { LockMode } from "@mikro-orm/core";
import {
  Merchant,
  Subscription,
  TestClock,
  type EntityManager,
  type ICustomer,
  type ITestClock,
} from "@portico/db";
import type { Clock } from "../clock.js";
import type { MerchantActor } from "../common/actor.js";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import { resolveCustomer } from "../customers/resolve.js";
import { AppError } from "../errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { recordSubscriptionEvent } from "../subscriptions/audit.js";
import { toSecond } from "../subscriptions/time.js";

/** One advance moves a clock at most this far (Stripe's limit is two intervals; ours is time). */
export const MAX_ADVANCE_DAYS = 731;

/** The job that runs an advance (see advance-job.ts). */
export const TEST_CLOCK_ADVANCE_JOB = "test_clock.advance";

const testClockNotFound = () => new AppError("NOT_FOUND", "TEST_CLOCK_NOT_FOUND", "No such test clock.");

const advancing = (clock: ITestClock) =>
  new AppError("CONFLICT", "TEST_CLOCK_ADVANCING", "The test clock is advancing; wait until it is ready.", {
    details: { testClock: clock.publicId, frozenTime: clock.frozenTime.toISOString() },
  });

async function sandboxMerchant(em: EntityManager, merchantId: number): Promise<void> {
  const merchant = await em.findOneOrFail(Merchant, merchantId);
  if (merchant.livemode) {
    throw new AppError(
      "FORBIDDEN",
      "TEST_CLOCKS_SANDBOX_ONLY",
      "Test clocks exist for sandbox merchants only.",
    );
  }
}

export interface CreateTestClockInput {
  name: string;
  /** The clock's starting time (whole seconds). */
  frozenTime: Date;
  /** `cus_…` or external id: the customer whose subscriptions run on the clock. */
  customer?: string | null;
}

/**
 * A test clock of a sandbox merchant, with an optional customer on it: subscriptions created
 * for that customer (or naming the clock) start at the clock's time and renew, charge and
 * dun only when the clock is advanced. A customer is on one clock at most
 * (CONFLICT CUSTOMER_ON_TEST_CLOCK).
 */
export async function createTestClock(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateTestClockInput,
): Promise<ITestClock> {
  return em.transactional(async (tx) => {
    await sandboxMerchant(tx, actor.merchantId);
    const customer = input.customer ? await resolveCustomer(tx, actor.merchantId, input.customer) : null;
    if (customer && (await tx.count(TestClock, { customer: customer.id })) > 0) {
      throw new AppError("CONFLICT", "CUSTOMER_ON_TEST_CLOCK", "This customer is already on a test clock.");
    }
    const now = clock.now();
    const created = tx.create(TestClock, {
      merchant: actor.merchantId,
      customer,
      name: input.name,
      frozenTime: toSecond(input.frozenTime),
      status: "ready",
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();
    return created;
  });
}

export async function getTestClock(em: EntityManager, merchantId: number, id: string): Promise<ITestClock> {
  const found = await em.findOne(
    TestClock,
    { publicId: id, merchant: merchantId },
    { populate: ["customer"], refresh: true },
  );
  if (!found) throw testClockNotFound();
  return found;
}

export async function listTestClocks(
  em: EntityManager,
  merchantId: number,
  params: PageParams,
): Promise<Page<ITestClock>> {
  const after = await keysetAfter(em, "test_clock", merchantId, params.startingAfter);
  const rows = await em.find(
    TestClock,
    { merchant: merchantId, ...after },
    { orderBy: NEWEST_FIRST, limit: pageFetchLimit(params), populate: ["customer"] },
  );
  return toPage(rows, params);
}

/**
 * The clock a new subscription of `customer` runs on: the one named (NOT_FOUND unless it is
 * the merchant's; CONFLICT when it belongs to another customer), else the customer's own.
 */
export async function testClockForSubscription(
  em: EntityManager,
  merchantId: number,
  customer: ICustomer,
  id: string | null | undefined,
): Promise<ITestClock | null> {
  const own = await em.findOne(TestClock, { customer: customer.id, merchant: merchantId });
  if (!id) return own;
  const named = await em.findOne(TestClock, { publicId: id, merchant: merchantId });
  if (!named) throw testClockNotFound();
  if (named.customer && named.customer.id !== customer.id) {
    throw new AppError(
      "CONFLICT",
      "TEST_CLOCK_OF_ANOTHER_CUSTOMER",
      "This test clock belongs to another customer.",
    );
  }
  if (own && own.id !== named.id) {
    throw new AppError(
      "CONFLICT",
      "CUSTOMER_ON_TEST_CLOCK",
      "This customer is already on another test clock.",
    );
  }
  return named;
}

export interface AdvanceTestClockInput {
  id: string;
  /** Later than the clock's time, by at most MAX_ADVANCE_DAYS. */
  to: Date;
}

/**
 * Starts moving a clock forward to `to`: the clock is `advancing` at once and a
 * `test_clock.advance` job (the server's worker) runs, in time order, every renewal, charge,
 * dunning retry and settlement that falls due up to `to` (see runTestClockAdvance), then
 * sets it `ready`. Poll `get` until then. Only forward (BAD_REQUEST ADVANCE_NOT_FORWARD),
 * at most MAX_ADVANCE_DAYS per call (ADVANCE_TOO_FAR), one advance at a time
 * (CONFLICT TEST_CLOCK_ADVANCING).
 */
export async function advanceTestClock(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: AdvanceTestClockInput,
): Promise<ITestClock> {
  const to = toSecond(input.to);
  const id = await em.transactional(async (tx) => {
    const found = await tx.findOne(
      TestClock,
      { publicId: input.id, merchant: actor.merchantId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!found) throw testClockNotFound();
    if (found.status === "advancing") throw advancing(found);
    const from = found.frozenTime.getTime();
    if (to.getTime() <= from) {
      throw new AppError("BAD_REQUEST", "ADVANCE_NOT_FORWARD", "A test clock only moves forward.", {
        details: { frozenTime: found.frozenTime.toISOString() },
      });
    }
    if (to.getTime() - from > MAX_ADVANCE_DAYS * 86_400_000) {
      throw new AppError(
        "BAD_REQUEST",
        "ADVANCE_TOO_FAR",
        `Advance at most ${MAX_ADVANCE_DAYS} days at a time.`,
        {
          details: { maxDays: MAX_ADVANCE_DAYS },
        },
      );
    }
    found.status = "advancing";
    found.updatedAt = clock.now();
    await tx.flush();
    await enqueueJob(tx, {
      name: TEST_CLOCK_ADVANCE_JOB,
      payload: { testClock: found.publicId, to: to.toISOString() },
      runAt: clock.now(),
      priority: 1,
      singletonKey: `${TEST_CLOCK_ADVANCE_JOB}:${found.publicId}:${to.toISOString()}`,
      merchant: actor.merchantId,
    });
    return found.publicId;
  });
  return getTestClock(em, actor.merchantId, id);
}

/**
 * Deletes a clock that is not advancing. Its subscriptions still running end at the clock's
 * time without a final invoice (Stripe deletes a clock's objects; ours are kept for the
 * record), so they are never billed on the real clock afterwards; its queued jobs go with it.
 */
export async function deleteTestClock(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  id: string,
): Promise<ITestClock> {
  return em.transactional(async (tx) => {
    const found = await tx.findOne(
      TestClock,
      { publicId: id, merchant: actor.merchantId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ["customer"], refresh: true },
    );
    if (!found) throw testClockNotFound();
    if (found.status === "advancing") throw advancing(found);
    const at = found.frozenTime;
    const running = await tx.find(Subscription, { testClock: found.id, status: { $ne: "canceled" } });
    for (const subscription of running) {
      Object.assign(subscription, {
        status: "canceled",
        canceledAt: at,
        endedAt: at,
        cancelAtPeriodEnd: false,
        cancelAt: null,
        cancellationReason: "cancellation_requested",
        scheduledChange: null,
        updatedAt: clock.now(),
      });
      await recordSubscriptionEvent(tx, actor, subscription, "Canceled", at, {
        reason: "test_clock_deleted",
      });
    }
    await tx.flush();
    tx.remove(found);
    await tx.flush();
    return found;
  });
}
