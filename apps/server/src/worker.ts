import {
  coreJobHandlers,
  startBillingScheduler,
  startJobWorker,
  type BillingScheduler,
  type Clock,
  type JobWorker,
  type Mailer,
  type WebhookDeliveryOptions,
} from "@portico/core";
import type { MikroORM } from "@portico/db";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";

export interface ServerJobWorkerOptions {
  orm: MikroORM;
  /** The app's mailer: the worker delivers what requests queued with it. */
  mailer: Mailer;
  clock?: Clock | undefined;
  log: FastifyBaseLogger;
  /** JOB_POLL_INTERVAL_MS. */
  pollIntervalMs: number;
  /** BILLING_SWEEP_INTERVAL_MS; without it no billing sweep is scheduled. */
  billingSweepIntervalMs?: number;
  /** PUBLIC_URL, for the links in e-mails jobs send (statement ready). */
  publicUrl?: string;
  /** WEBHOOK_ALLOW_INSECURE and WEBHOOK_TIMEOUT_MS (webhookSettingsOf). */
  webhooks?: WebhookDeliveryOptions;
}

/**
 * Runs the job queue inside this server process: started when the app is ready, stopped
 * when it closes, after in-flight requests and before the database, waiting for the job in
 * hand (claimed jobs not started yet go back to the queue for the next process).
 */
export function attachJobWorker(app: FastifyInstance, options: ServerJobWorkerOptions): void {
  let worker: JobWorker | null = null;
  let billing: BillingScheduler | null = null;
  app.addHook("onReady", async () => {
    worker = startJobWorker(options.orm, {
      handlers: coreJobHandlers({
        mailer: options.mailer,
        ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
        ...(options.webhooks ? { webhooks: options.webhooks } : {}),
      }),
      pollIntervalMs: options.pollIntervalMs,
      ...(options.clock ? { clock: options.clock } : {}),
      log: options.log.child({ module: "jobs" }),
    });
    // Every process schedules the sweep; its singleton key lets one per interval through.
    if (options.billingSweepIntervalMs) {
      billing = startBillingScheduler(options.orm, {
        intervalMs: options.billingSweepIntervalMs,
        ...(options.clock ? { clock: options.clock } : {}),
        log: options.log.child({ module: "billing" }),
      });
    }
  });
  app.addHook("onClose", async () => {
    billing?.stop();
    await worker?.stop();
  });
}
