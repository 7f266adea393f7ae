import { Merchant, type EntityManager, type IInvoice, type ISubscription } from "@portico/db";
import { SYSTEM_ACTOR, type Actor } from "../actor.js";
import type { Clock } from "../clock.js";
import { markInvoiceUncollectible, voidInvoice } from "../invoices/transitions.js";
import { recordSubscriptionEvent } from "./audit.js";

const isLatest = (subscription: ISubscription, invoice: IInvoice) =>
  subscription.latestInvoice?.id === invoice.id;

/**
 * A payment of one of the subscription's invoices succeeded (the payments code calls this in
 * its transaction): an `incomplete` subscription starts (`active`), and a `past_due` one is
 * `active` again once its latest invoice is paid. Anything else is unchanged.
 */
export async function markSubscriptionPaymentSucceeded(
  em: EntityManager,
  clock: Clock,
  subscription: ISubscription,
  invoice: IInvoice,
  actor: Actor = SYSTEM_ACTOR,
): Promise<ISubscription> {
  const from = subscription.status;
  if ((from === "incomplete" || from === "past_due") && isLatest(subscription, invoice)) {
    subscription.status = "active";
    await recordSubscriptionEvent(
      em,
      actor,
      subscription,
      from === "incomplete" ? "Activated" : "Recovered",
      clock.now(),
      {
        invoice: invoice.publicId,
      },
    );
  }
  return subscription;
}

export interface PaymentFailureOptions {
  /** The dunning retries are exhausted: apply the merchant's `dunningFinalAction`. */
  finalAttempt?: boolean;
  actor?: Actor;
}

/**
 * A payment of the subscription's latest invoice failed: a running subscription becomes
 * `past_due` (an `incomplete` one stays incomplete). On the final attempt the merchant's
 * dunning setting decides: `cancel` ends the subscription (reason payment_failed),
 * `mark_uncollectible` writes the invoice off and leaves the subscription past due,
 * `leave_past_due` does nothing more. An incomplete subscription whose first payment never
 * succeeds is canceled and its invoice voided (Stripe's incomplete_expired).
 */
export async function markSubscriptionPaymentFailed(
  em: EntityManager,
  clock: Clock,
  subscription: ISubscription,
  invoice: IInvoice,
  options: PaymentFailureOptions = {},
): Promise<ISubscription> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const now = clock.now();
  if (!isLatest(subscription, invoice) || subscription.status === "canceled") return subscription;
  if (subscription.status === "active" || subscription.status === "trialing") {
    subscription.status = "past_due";
    await recordSubscriptionEvent(em, actor, subscription, "PastDue", now, { invoice: invoice.publicId });
  }
  if (!options.finalAttempt) return subscription;
  if (subscription.status === "incomplete") {
    if (invoice.status === "open" && invoice.amountPaid === 0) await voidInvoice(em, clock, invoice, actor);
    return cancelForNonPayment(em, subscription, now, actor);
  }
  const merchant = await em.findOneOrFail(Merchant, subscription.merchant.id);
  if (merchant.dunningFinalAction === "cancel") return cancelForNonPayment(em, subscription, now, actor);
  if (merchant.dunningFinalAction === "mark_uncollectible" && invoice.status === "open") {
    markInvoiceUncollectible(em, clock, invoice, actor);
  }
  return subscription;
}

async function cancelForNonPayment(
  em: EntityManager,
  subscription: ISubscription,
  at: Date,
  actor: Actor,
): Promise<ISubscription> {
  subscription.status = "canceled";
  subscription.canceledAt = at;
  subscription.endedAt = at;
  subscription.cancelAtPeriodEnd = false;
  subscription.cancelAt = null;
  subscription.cancellationReason = "payment_failed";
  subscription.scheduledChange = null;
  await recordSubscriptionEvent(em, actor, subscription, "Canceled", at, { reason: "payment_failed" });
  return subscription;
}
