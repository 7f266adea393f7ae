import type { MikroORM } from "@portico/db";
import { systemClock, type Clock } from "../clock.js";
import { silentJobLog, type JobLog } from "../jobs/handlers.js";
import { enqueueBillingSweep } from "./sweep.js";

export interface BillingSchedulerOptions {
  /** BILLING_SWEEP_INTERVAL_MS: how often due renewals, retries and settlements are looked for. */
  intervalMs: number;
  clock?: Clock;
  log?: JobLog;
}

export interface BillingScheduler {
  stop(): void;
}

/**
 * Asks for a billing sweep at start and every `intervalMs`. Every process may run one:
 * the sweep of an interval is a singleton job, queued once and run by one worker.
 */
export function startBillingScheduler(orm: MikroORM, options: BillingSchedulerOptions): BillingScheduler {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentJobLog;
  const tick = () => {
    enqueueBillingSweep(orm.em.fork(), clock.now(), options.intervalMs).catch((error: unknown) => {
      log.error({ err: error }, "could not queue the billing sweep");
    });
  };
  tick();
  // unref: a scheduler someone forgot to stop does not keep the process alive.
  const timer = setInterval(tick, options.intervalMs).unref();
  return { stop: () => clearInterval(timer) };
}
