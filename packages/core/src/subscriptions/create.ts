import {
  Invoice,
  Subscription,
  SubscriptionItem,
  type CollectionMethod,
  type EntityManager,
  type ICustomer,
  type ISubscription,
  type ProrationBehavior,
} from "@portico/db";
import { periodContaining } from "../billing/periods.js";
import { MAX_TRIAL_DAYS } from "../catalog/price-rules.js";
import { checkMetadata, type Metadata } from "../common/metadata.js";
import type { Clock } from "../clock.js";
import { customerNotFound, resolveCustomer } from "../customers/resolve.js";
import { testClockForSubscription } from "../test-clocks/clocks.js";
import { recordSubscriptionEvent } from "./audit.js";
import { redeemCoupon } from "./discounts.js";
import { badSubscriptionInput } from "./errors.js";
import { issueSubscriptionInvoice } from "./invoicing.js";
import { recurrenceOf, resolveItems, type ItemInput, type PlanItem } from "./items.js";
import { partialAdvanceLines } from "./lines.js";
import { SUBSCRIPTION_POPULATE, type SubscriptionActor } from "./load.js";
import { addDays, toSecond } from "./time.js";

export interface CreateSubscriptionInput {
  /** `cus_…` or the merchant's external id. */
  customer: string;
  items: ItemInput[];
  /** Days of free trial; omitted: the longest `trialDays` of the prices; 0: none. */
  trialDays?: number | null;
  /** `coupon_…` or a coupon code. */
  coupon?: string | null;
  collectionMethod?: CollectionMethod;
  /** For `send_invoice`; null uses the merchant's default. */
  daysUntilDue?: number | null;
  /** The default for later changes. */
  prorationBehavior?: ProrationBehavior;
  /** A future instant periods count from; the first invoice covers the time up to it, prorated. */
  billingCycleAnchor?: Date | null;
  metadata?: Metadata;
  /** `clock_…`: run on this sandbox test clock (default: the customer's clock, if it has one). */
  testClock?: string | null;
}

export const MAX_DAYS_UNTIL_DUE = 365;

function checkDaysUntilDue(days: number | null | undefined): number | null {
  if (days == null) return null;
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS_UNTIL_DUE) {
    throw badSubscriptionInput("INVALID_DAYS_UNTIL_DUE", `daysUntilDue is 0 to ${MAX_DAYS_UNTIL_DUE}.`);
  }
  return days;
}

function trialDaysOf(input: CreateSubscriptionInput, items: readonly PlanItem[]): number {
  const days = input.trialDays ?? Math.max(0, ...items.map((item) => item.price.trialDays ?? 0));
  if (!Number.isInteger(days) || days < 0 || days > MAX_TRIAL_DAYS) {
    throw badSubscriptionInput("INVALID_TRIAL_DAYS", `trialDays is 0 to ${MAX_TRIAL_DAYS}.`);
  }
  return days;
}

/**
 * A customer's currency is fixed by what it has been billed in. One with no invoice, no
 * subscription and a zero balance takes the currency of its first subscription (as Stripe
 * sets it on first use); any other must subscribe in its own currency.
 */
async function adoptCurrency(em: EntityManager, customer: ICustomer, currency: string): Promise<boolean> {
  if (customer.currency === currency) return false;
  const billed =
    customer.balance !== 0 ||
    (await em.count(Invoice, { customer: customer.id })) > 0 ||
    (await em.count(Subscription, { customer: customer.id })) > 0;
  if (billed) {
    throw badSubscriptionInput("CURRENCY_MISMATCH", `This customer is billed in ${customer.currency}.`, {
      customerCurrency: customer.currency,
      currency,
    });
  }
  customer.currency = currency;
  return true;
}

/**
 * Starts a subscription, all or nothing:
 * - with a trial (status `trialing`): the trial end becomes the billing-cycle anchor, the
 *   current period runs [now, trial end), nothing is invoiced until it ends;
 * - otherwise periods count from now, or from the given future anchor (then the first period
 *   is [now, anchor-boundary) and its licensed items are prorated, as Stripe does). The first
 *   invoice bills licensed items in advance (metered ones are billed in arrears at the
 *   period's end) and is finalized at once. The subscription is `active` when nothing is due
 *   or it is paid by invoice (`send_invoice`), else `incomplete` until the payment succeeds
 *   (markSubscriptionPaymentSucceeded).
 * A trial and an anchor do not combine (TRIAL_WITH_ANCHOR): the trial end is the anchor.
 */
export async function createSubscription(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  input: CreateSubscriptionInput,
): Promise<ISubscription> {
  const metadata = checkMetadata(input.metadata ?? {});
  const daysUntilDue = checkDaysUntilDue(input.daysUntilDue);
  return em.transactional(async (tx) => {
    const customer = await resolveCustomer(tx, actor.merchantId, input.customer);
    if (actor.customerId != null && actor.customerId !== customer.id) throw customerNotFound();
    // On a test clock the subscription starts at the clock's time, and lives on it.
    const testClock = await testClockForSubscription(tx, actor.merchantId, customer, input.testClock);
    const now = toSecond(testClock ? testClock.frozenTime : clock.now());
    const items = await resolveItems(tx, actor.merchantId, input.items);
    const recurrence = recurrenceOf(items);
    const trialDays = trialDaysOf(input, items);
    const anchorInput = input.billingCycleAnchor ? toSecond(input.billingCycleAnchor) : null;
    if (anchorInput && trialDays > 0) {
      throw badSubscriptionInput(
        "TRIAL_WITH_ANCHOR",
        "With a trial, the trial end is the billing-cycle anchor.",
      );
    }
    if (anchorInput && anchorInput.getTime() < now.getTime()) {
      throw badSubscriptionInput("ANCHOR_IN_PAST", "billingCycleAnchor must not be in the past.");
    }
    const currency = items[0]!.price.currency;
    const currencySet = await adoptCurrency(tx, customer, currency);

    const trialEnd = trialDays > 0 ? addDays(now, trialDays) : null;
    const anchor = trialEnd ?? anchorInput ?? now;
    // The full period holding now, counted from the anchor; the first period starts now.
    const fullPeriod = trialEnd ? { start: now, end: trialEnd } : periodContaining(anchor, recurrence, now);
    const subscription = tx.create(Subscription, {
      merchant: actor.merchantId,
      customer,
      status: trialEnd ? "trialing" : "active",
      currency,
      startedAt: now,
      billingCycleAnchor: anchor,
      currentPeriodStart: now,
      currentPeriodEnd: fullPeriod.end,
      trialStart: trialEnd ? now : null,
      trialEnd,
      collectionMethod: input.collectionMethod ?? "charge_automatically",
      daysUntilDue,
      prorationBehavior: input.prorationBehavior ?? "create_prorations",
      metadata,
      testClock,
      createdAt: now,
      updatedAt: now,
    });
    for (const item of items) {
      subscription.items.add(
        tx.create(SubscriptionItem, {
          merchant: actor.merchantId,
          subscription,
          price: item.price,
          quantity: item.quantity,
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
    const discount = input.coupon ? await redeemCoupon(tx, subscription, input.coupon, now) : null;
    await tx.flush();

    const invoice = trialEnd
      ? null
      : await issueSubscriptionInvoice(
          tx,
          subscription,
          partialAdvanceLines(subscription, items, fullPeriod, now),
          {
            at: now,
            billingReason: "subscription_create",
            period: { start: now, end: fullPeriod.end },
            actor,
          },
        );
    if (invoice && invoice.amountDue > 0 && subscription.collectionMethod === "charge_automatically") {
      subscription.status = "incomplete";
    }
    await recordSubscriptionEvent(tx, actor, subscription, "Created", now, {
      status: subscription.status,
      items: items.map((item) => ({ price: item.price.publicId, quantity: item.quantity })),
      trialEnd: trialEnd?.toISOString() ?? null,
      billingCycleAnchor: anchor.toISOString(),
      coupon: discount?.coupon.getEntity().publicId ?? null,
      invoice: invoice?.publicId ?? null,
      ...(currencySet ? { customerCurrencySet: currency } : {}),
    });
    await tx.flush();
    await tx.populate(subscription, SUBSCRIPTION_POPULATE);
    return subscription;
  });
}
