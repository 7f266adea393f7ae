import type { EntityManager } from "@mikro-orm/postgresql";
import type { IMerchant } from "../entities/index.js";
import { addDays, addHours, addMinutes, startOfUtcDay } from "./dates.js";
import { DEMO_SEED, Random } from "./random.js";

/** What every part of the seed works with: the transaction's EntityManager, the clock, the PRNG. */
export interface SeedContext {
  /** The transactional EntityManager: never use another one while the seed runs (PGlite deadlocks). */
  em: EntityManager;
  now: Date;
  /** Midnight UTC of `now`: the timeline is laid out in whole days from here. */
  today: Date;
  rng: Random;
  merchant: IMerchant;
  /** `days` from today (negative = past) at `hour`:`minute` UTC. */
  day(days: number, hour?: number, minute?: number): Date;
}

export function createSeedContext(em: EntityManager, now: Date, merchant: IMerchant): SeedContext {
  const today = startOfUtcDay(now);
  return {
    em,
    now,
    today,
    rng: new Random(DEMO_SEED),
    merchant,
    day: (days, hour = 0, minute = 0) => addMinutes(addHours(addDays(today, days), hour), minute),
  };
}

/** createdAt / updatedAt of a row that was made at `createdAt` and last changed at `updatedAt`. */
export function stamps(createdAt: Date, updatedAt: Date = createdAt): { createdAt: Date; updatedAt: Date } {
  return { createdAt, updatedAt };
}
