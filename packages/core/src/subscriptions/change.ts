import { SubscriptionItem, type EntityManager, type IInvoice, type ISubscription } from "@portico/db";
import type { Clock } from "../clock.js";
import { recordSubscriptionEvent } from "./audit.js";
import { planChange, type ChangePlan, type ChangeSubscriptionInput } from "./change-plan.js";
import { activeDiscount } from "./discounts.js";
import { toPreviewLineDto, type ChangePreviewDto } from "./dto.js";
import { assertNotCanceled } from "./errors.js";
import {
  amountDueAfterBalance,
  holdPendingLines,
  issueSubscriptionInvoice,
  previewTotals,
} from "./invoicing.js";
import type { PlanItem } from "./items.js";
import { consumeDrafts } from "./lines.js";
import {
  getSubscription,
  lockSubscription,
  SUBSCRIPTION_POPULATE,
  type SubscriptionActor,
  type SubscriptionScope,
} from "./load.js";
import { toSecond } from "./time.js";

const describeItems = (items: readonly PlanItem[]) =>
  items.map((item) => ({ price: item.price.publicId, quantity: item.quantity }));

/**
 * What `applyChange` with the same input would do now, without doing it: the invoice due now
 * (lines, discount, tax, total and amount due after the customer balance) and the next
 * renewal invoice. Both come from the plan applyChange executes, priced by the same totals
 * as the invoices themselves.
 */
export async function previewChange(
  em: EntityManager,
  clock: Clock,
  scope: SubscriptionScope,
  input: ChangeSubscriptionInput,
): Promise<ChangePreviewDto> {
  const subscription = await getSubscription(em, scope, input.id);
  const plan = await planChange(em, subscription, input, toSecond(clock.now()));
  const discountNow = plan.invoiceNow.length > 0 ? await activeDiscount(em, subscription, plan.at) : null;
  const dueNow = await previewTotals(em, subscription, plan.invoiceNow, discountNow);
  const amountDue =
    plan.invoiceNow.length > 0 ? await amountDueAfterBalance(em, subscription, dueNow.total) : 0;
  let nextInvoice: ChangePreviewDto["nextInvoice"] = null;
  if (plan.next) {
    const found = await activeDiscount(em, subscription, plan.next.date);
    // A `once` discount the invoice now uses is gone by the next one.
    const usedNow = found && discountNow?.id === found.id && found.coupon.getEntity().duration === "once";
    nextInvoice = {
      date: plan.next.date.toISOString(),
      lines: plan.next.lines.map(toPreviewLineDto),
      ...(await previewTotals(em, subscription, plan.next.lines, usedNow ? null : found)),
    };
  }
  return {
    dueNow: { lines: plan.invoiceNow.map(toPreviewLineDto), ...dueNow, amountDue },
    nextInvoice,
    scheduled: plan.scheduled
      ? {
          effectiveAt: plan.scheduled.effectiveAt,
          items: plan.scheduled.items,
          prorationBehavior: plan.scheduled.prorationBehavior ?? null,
        }
      : null,
  };
}

/** Makes the subscription's items `items`: removed, re-quantified or added, by price. */
export function replaceItems(
  em: EntityManager,
  subscription: ISubscription,
  items: readonly PlanItem[],
  at: Date,
) {
  const existing = subscription.items.getItems();
  for (const item of existing) {
    if (!items.some((wanted) => wanted.price.id === item.price.id)) {
      subscription.items.remove(item);
      em.remove(item);
    }
  }
  for (const wanted of items) {
    const item = existing.find((candidate) => candidate.price.id === wanted.price.id);
    if (item) {
      if (item.quantity !== wanted.quantity) item.quantity = wanted.quantity;
    } else {
      subscription.items.add(
        em.create(SubscriptionItem, {
          merchant: subscription.merchant.id,
          subscription,
          price: wanted.price,
          quantity: wanted.quantity,
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
  }
}

/** Carries out a plan on the locked subscription; returns the invoice issued now, if any. */
async function executeChange(
  em: EntityManager,
  actor: SubscriptionActor,
  subscription: ISubscription,
  plan: ChangePlan,
): Promise<IInvoice | null> {
  if (plan.scheduled) {
    subscription.scheduledChange = plan.scheduled;
    await recordSubscriptionEvent(em, actor, subscription, "ChangeScheduled", plan.at, { ...plan.scheduled });
    return null;
  }
  replaceItems(em, subscription, plan.after, plan.at);
  // An immediate change supersedes one scheduled for the period's end (Stripe releases the schedule).
  const clearedSchedule = subscription.scheduledChange != null;
  subscription.scheduledChange = null;
  if (plan.newPeriod) {
    subscription.billingCycleAnchor = plan.at;
    subscription.currentPeriodStart = plan.newPeriod.start;
    subscription.currentPeriodEnd = plan.newPeriod.end;
    // A cancellation or a pause due at the period's end follows the period.
    if (subscription.cancelAtPeriodEnd) subscription.cancelAt = plan.newPeriod.end;
    if (subscription.pausedAt) subscription.pausedAt = plan.newPeriod.end;
  }
  await em.flush();
  await holdPendingLines(em, subscription, plan.hold, plan.at);
  consumeDrafts(em, plan.consumed);
  const invoice = await issueSubscriptionInvoice(em, subscription, plan.invoiceNow, {
    at: plan.at,
    billingReason: "subscription_update",
    period: plan.invoicePeriod,
    actor,
  });
  await recordSubscriptionEvent(em, actor, subscription, "Updated", plan.at, {
    before: describeItems(plan.before),
    after: describeItems(plan.after),
    prorationBehavior: plan.behavior,
    billingCycleAnchorReset: plan.newPeriod != null,
    clearedScheduledChange: clearedSchedule,
    invoice: invoice?.publicId ?? null,
  });
  return invoice;
}

/**
 * Changes the subscription's items as previewChange described, in one transaction on the
 * locked row: items replaced, prorations invoiced now or held for the renewal, or the change
 * scheduled for the period's end.
 */
export async function applyChange(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  input: ChangeSubscriptionInput,
): Promise<{ subscription: ISubscription; invoice: IInvoice | null }> {
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, input.id, actor);
    const plan = await planChange(tx, subscription, input, toSecond(clock.now()));
    const invoice = await executeChange(tx, actor, subscription, plan);
    await tx.flush();
    await tx.populate(subscription, SUBSCRIPTION_POPULATE);
    return { subscription, invoice };
  });
}

/** Drops a change scheduled for the period's end; nothing scheduled is no change. */
export async function clearScheduledChange(
  em: EntityManager,
  clock: Clock,
  actor: SubscriptionActor,
  id: string,
): Promise<ISubscription> {
  return em.transactional(async (tx) => {
    const subscription = await lockSubscription(tx, id, actor);
    assertNotCanceled(subscription);
    const scheduled = subscription.scheduledChange;
    if (scheduled) {
      subscription.scheduledChange = null;
      await recordSubscriptionEvent(
        tx,
        actor,
        subscription,
        "ScheduledChangeCleared",
        toSecond(clock.now()),
        {
          effectiveAt: scheduled.effectiveAt,
          items: scheduled.items,
        },
      );
      await tx.flush();
    }
    return subscription;
  });
}
