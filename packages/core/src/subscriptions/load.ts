import { LockMode } from "@mikro-orm/core";
import { Subscription, type EntityManager, type ISubscription, type SubscriptionStatus } from "@portico/db";
import type { Actor } from "../actor.js";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import { customerNotFound, resolveCustomer } from "../customers/resolve.js";
import { subscriptionNotFound } from "./errors.js";

/**
 * Whose subscriptions a caller may see: always one merchant's, and only one customer's when
 * `customerId` is set (a portal caller). A row outside the scope is NOT_FOUND.
 */
export interface SubscriptionScope {
  merchantId: number;
  customerId?: number | null;
}

/** Who acts on a subscription, within which scope; an integration's MerchantActor is one. */
export type SubscriptionActor = Actor & SubscriptionScope;

/** What DTOs and billing read from a subscription: its customer, items, prices and products. */
export const SUBSCRIPTION_POPULATE = [
  "customer",
  "items",
  "items.price",
  "items.price.product",
  "latestInvoice",
] as const;

function scopeFilter(scope: SubscriptionScope) {
  return { merchant: scope.merchantId, ...(scope.customerId != null ? { customer: scope.customerId } : {}) };
}

/** A subscription in `scope` by public id, with what SUBSCRIPTION_POPULATE loads. */
export async function getSubscription(
  em: EntityManager,
  scope: SubscriptionScope,
  id: string,
): Promise<ISubscription> {
  const subscription = await em.findOne(
    Subscription,
    { publicId: id, ...scopeFilter(scope) },
    { populate: SUBSCRIPTION_POPULATE },
  );
  if (!subscription) throw subscriptionNotFound();
  return subscription;
}

/**
 * getSubscription for a change, inside the caller's transaction: the row is locked
 * (`FOR UPDATE`) until the transaction ends, so two changes or a change and a renewal of
 * one subscription run one after the other, each seeing the other's result. A null scope
 * is the system's (renewals): any merchant's subscription.
 */
export async function lockSubscription(
  em: EntityManager,
  id: string,
  scope: SubscriptionScope | null,
): Promise<ISubscription> {
  // Locked without joins: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
  const subscription = await em.findOne(
    Subscription,
    { publicId: id, ...(scope ? scopeFilter(scope) : {}) },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!subscription) throw subscriptionNotFound();
  await em.populate(subscription, SUBSCRIPTION_POPULATE, { refresh: true });
  return subscription;
}

export interface ListSubscriptionsInput extends PageParams {
  /** `cus_…` or the merchant's external id. */
  customer: string;
  status?: SubscriptionStatus;
}

/** One customer's subscriptions, newest first, a keyset page at a time. */
export async function listSubscriptions(
  em: EntityManager,
  scope: SubscriptionScope,
  input: ListSubscriptionsInput,
): Promise<Page<ISubscription>> {
  const limit = pageFetchLimit(input);
  const customer = await resolveCustomer(em, scope.merchantId, input.customer);
  if (scope.customerId != null && scope.customerId !== customer.id) throw customerNotFound();
  const after = await keysetAfter(em, "subscription", scope.merchantId, input.startingAfter);
  const rows = await em.find(
    Subscription,
    {
      merchant: scope.merchantId,
      customer: customer.id,
      ...(input.status === undefined ? {} : { status: input.status }),
      ...after,
    },
    { orderBy: NEWEST_FIRST, limit, populate: SUBSCRIPTION_POPULATE },
  );
  return toPage(rows, input);
}
