import { LockMode } from "@mikro-orm/core";
import {
  Customer,
  Invoice,
  Merchant,
  Subscription,
  type EntityManager,
  type IInvoice,
  type IPayment,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { safeTimeZone } from "../documents/format.js";
import type { Mailer } from "../email/mailer.js";
import { sendTemplate } from "../email/send.js";
import type { EmailBranding } from "../email/templates.js";
import { findDefaultPortalConfiguration } from "../merchants/branding.js";
import { wantsNotification } from "../notifications/wants.js";
import { markSubscriptionPaymentFailed } from "../subscriptions/payment-outcome.js";
import { addDays } from "../subscriptions/time.js";

export interface DunningDependencies {
  mailer: Mailer;
  /** PUBLIC_URL: the payment-failed e-mail links to `<publicUrl>/portal/invoices`. */
  publicUrl: string;
}

/**
 * When the charge after failed attempt `attempt` runs, or null when it was the last. Retry n
 * runs `retryDays[n - 1]` days after the first failure (Stripe's smart-retry-free schedule:
 * [1, 3, 5] → +1, +3, +5 days). The first failure is `failedAt` for attempt 1; for a retry
 * it is the retry's due time less its offset, so a retry that ran late does not shift the
 * ones after it.
 */
export function nextRetryAt(
  retryDays: readonly number[],
  attempt: number,
  failedAt: Date,
  scheduledAt: Date | null,
): Date | null {
  const days = retryDays[attempt - 1];
  if (days === undefined) return null;
  const offset = attempt >= 2 ? (retryDays[attempt - 2] ?? 0) : 0;
  const firstFailure = attempt >= 2 ? addDays(scheduledAt ?? failedAt, -offset) : failedAt;
  return addDays(firstFailure, days);
}

export interface ChargeFailure {
  invoiceId: number;
  attempt: number;
  finalAttempt: boolean;
  /** The declined payment; null when the customer had no method to charge. */
  payment: IPayment | null;
  /** When this attempt was due (null for the first). */
  scheduledAt: Date | null;
  /** payInvoice answered from an earlier run of this attempt (a job re-run after a crash). */
  replayed: boolean;
}

/**
 * What follows a failed automatic charge, in one transaction under the invoice's lock: the
 * next retry time on the invoice (`nextPaymentAttemptAt`, which the billing sweep picks up;
 * null after the last) and the customer e-mailed a link to pay in the portal. Webhook events
 * come from where the changes are made (payment.failed from the payments code, subscription.*
 * from recordSubscriptionEvent). A declined payment has already made the subscription past
 * due (payments → markSubscriptionPaymentFailed, the one place that decides it); without a
 * method no payment exists, so the same function is called here. A re-run of the job whose
 * follow-up committed (payInvoice replays) finds `nextPaymentAttemptAt` moved on and does nothing.
 */
export async function recordChargeFailure(
  em: EntityManager,
  clock: Clock,
  deps: DunningDependencies,
  failure: ChargeFailure,
): Promise<void> {
  await em.transactional(async (tx) => {
    const invoice = await tx.findOneOrFail(Invoice, failure.invoiceId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    if (invoice.status === "paid" || invoice.status === "void") return;
    const moved =
      (invoice.nextPaymentAttemptAt?.getTime() ?? null) !== (failure.scheduledAt?.getTime() ?? null);
    if (failure.replayed && moved) return;
    const now = clock.now();
    const merchant = await tx.findOneOrFail(Merchant, invoice.merchant.id);
    const subscription = invoice.subscription
      ? await tx.findOneOrFail(Subscription, invoice.subscription.id, { refresh: true })
      : null;
    if (!failure.payment) {
      invoice.attemptCount += 1;
      if (subscription) {
        await markSubscriptionPaymentFailed(tx, clock, subscription, invoice, {
          finalAttempt: failure.finalAttempt,
        });
      }
    }
    const next = failure.finalAttempt
      ? null
      : nextRetryAt(
          merchant.dunningRetryDays,
          failure.attempt,
          failure.payment?.failedAt ?? now,
          failure.scheduledAt,
        );
    invoice.nextPaymentAttemptAt = invoice.status === "open" ? next : null;
    invoice.updatedAt = now;

    await notifyCustomer(tx, deps, invoice, invoice.nextPaymentAttemptAt ?? null);
    await tx.flush();
  });
}

async function notifyCustomer(
  em: EntityManager,
  deps: DunningDependencies,
  invoice: IInvoice,
  nextAttemptAt: Date | null,
): Promise<void> {
  const customer = await em.findOneOrFail(Customer, invoice.customer.id);
  if (!customer.email) return;
  const recipient = { customerId: customer.id, email: customer.email, category: "payment_failures" } as const;
  if (!(await wantsNotification(em, recipient))) return;
  const merchant = await em.findOneOrFail(Merchant, invoice.merchant.id);
  await sendTemplate(em, deps.mailer, {
    merchant: await emailBranding(em, merchant.id, merchant.name),
    to: customer.email,
    template: "payment_failed",
    merchantId: merchant.id,
    customerId: customer.id,
    data: {
      invoiceNumber: invoice.number ?? invoice.publicId,
      amountDue: invoice.amountRemaining,
      currency: invoice.currency,
      payUrl: `${deps.publicUrl.replace(/\/+$/, "")}/portal/invoices`,
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
      timeZone: safeTimeZone(merchant.timezone),
    },
  });
}

/** The merchant's name, colour and logo as its default portal configuration sets them. */
async function emailBranding(em: EntityManager, merchantId: number, name: string): Promise<EmailBranding> {
  const branding = (await findDefaultPortalConfiguration(em, merchantId))?.branding ?? {};
  return {
    merchantName: branding.businessName?.trim() || name,
    primaryColor: branding.primaryColor ?? null,
    logoUrl: branding.logoUrl ?? null,
  };
}
