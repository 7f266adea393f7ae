import { invoiceChargeJob } from "../billing-jobs/charge-job.js";
import { billingSweepJob } from "../billing-jobs/sweep.js";
import { statementGenerateJob } from "../documents/statement-job.js";
import type { Mailer } from "../email/mailer.js";
import { emailSendJob } from "../email/send-job.js";
import { subscriptionRenewJob } from "../subscriptions/renew-job.js";
import { testClockAdvanceJob } from "../test-clocks/advance-job.js";
import { webhookDeliverJob, type WebhookDeliveryOptions } from "../webhooks/deliver-job.js";
import { jobHandlers, type JobHandlers } from "./handlers.js";

export interface CoreJobDependencies {
  mailer: Mailer;
  /** Target policy and timeout of outbound webhooks; default: public https targets only, 10 s. */
  webhooks?: WebhookDeliveryOptions;
  /** PUBLIC_URL, for the links in e-mails jobs send; the development default when omitted. */
  publicUrl?: string;
}

const DEFAULT_PUBLIC_URL = "http://localhost:3000";

/** Every job core knows how to run, wired to what the process gives it: what a worker runs. */
export function coreJobHandlers(deps: CoreJobDependencies): JobHandlers {
  const publicUrl = deps.publicUrl ?? DEFAULT_PUBLIC_URL;
  // The advance of a test clock runs the clock's jobs with these same handlers.
  const handlers: JobHandlers = jobHandlers(
    emailSendJob(deps.mailer),
    subscriptionRenewJob,
    webhookDeliverJob(deps.webhooks),
    statementGenerateJob({ mailer: deps.mailer, publicUrl }),
    invoiceChargeJob({ mailer: deps.mailer, publicUrl }),
    billingSweepJob,
    testClockAdvanceJob(() => handlers),
  );
  return handlers;
}
