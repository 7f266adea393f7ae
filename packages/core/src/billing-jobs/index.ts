export {
  chargeInvoice,
  enqueueInvoiceCharge,
  INVOICE_CHARGE_JOB,
  invoiceChargeJob,
  type ChargeAttemptOutcome,
} from "./charge-job.js";
export { nextRetryAt, type DunningDependencies } from "./dunning.js";
export {
  BILLING_SWEEP_JOB,
  billingSweepJob,
  enqueueBillingSweep,
  enqueueDueBillingWork,
  settleDuePayments,
  sweepBilling,
  type SweepSummary,
} from "./sweep.js";
export { startBillingScheduler, type BillingScheduler, type BillingSchedulerOptions } from "./scheduler.js";
