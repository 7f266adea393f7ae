import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  createdAtColumn,
  currencyColumn,
  idColumn,
  metadataColumn,
  publicIdColumn,
  updatedAtColumn,
} from "./columns.js";
import { Price } from "./catalog.js";
import { Customer } from "./customer.js";
import { Invoice } from "./invoice.js";
import { TestClock } from "./jobs.js";
import { Merchant } from "./merchant.js";
import { PaymentMethod } from "./payment.js";

export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "paused",
  "canceled",
  "incomplete",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const COLLECTION_METHODS = ["charge_automatically", "send_invoice"] as const;
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];
export const PRORATION_BEHAVIORS = ["create_prorations", "always_invoice", "none"] as const;
export type ProrationBehavior = (typeof PRORATION_BEHAVIORS)[number];
/** What happens to invoices while a subscription is paused (Stripe's `pause_collection`). */
export const PAUSE_BEHAVIORS = ["keep_as_draft", "mark_uncollectible", "void"] as const;
export type PauseBehavior = (typeof PAUSE_BEHAVIORS)[number];
/** Why a subscription was canceled (who asked is in the audit trail; why, in CancellationFeedback). */
export const SUBSCRIPTION_CANCELLATION_REASONS = [
  "cancellation_requested",
  "payment_failed",
  "payment_disputed",
] as const;
export type SubscriptionCancellationReason = (typeof SUBSCRIPTION_CANCELLATION_REASONS)[number];

/** A change of price and/or quantity that takes effect at `effectiveAt` (the period end). */
export interface ScheduledSubscriptionChange {
  /** ISO 8601 instant. */
  effectiveAt: string;
  /** The items the subscription will have afterwards: price public ids and quantities. */
  items: { price: string; quantity: number }[];
  prorationBehavior?: ProrationBehavior;
  /** ISO 8601 instant the change was requested. */
  requestedAt?: string;
}

/**
 * A customer's subscription to one or more prices (its items). The current period is
 * [currentPeriodStart, currentPeriodEnd); the renewal job picks rows by
 * (status, current_period_end).
 */
export const Subscription = defineEntity({
  name: "Subscription",
  tableName: "subscription",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("sub"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    status: p.enum([...SUBSCRIPTION_STATUSES]).default("incomplete"),
    /** All items share the currency of their prices. */
    currency: currencyColumn(),
    items: () => p.oneToMany(SubscriptionItem).mappedBy("subscription"),
    startedAt: p.datetime(),
    currentPeriodStart: p.datetime(),
    currentPeriodEnd: p.datetime(),
    /** The instant periods are counted from (day of month and time of day). */
    billingCycleAnchor: p.datetime(),
    trialStart: p.datetime().nullable(),
    trialEnd: p.datetime().nullable(),
    cancelAtPeriodEnd: p.boolean().default(false),
    cancelAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
    endedAt: p.datetime().nullable(),
    cancellationReason: p.enum([...SUBSCRIPTION_CANCELLATION_REASONS]).nullable(),
    pausedAt: p.datetime().nullable(),
    /** When a paused subscription resumes by itself; null pauses until resumed. */
    resumeAt: p.datetime().nullable(),
    pauseBehavior: p.enum([...PAUSE_BEHAVIORS]).nullable(),
    /** Charged at renewal; null falls back to the customer's default payment method. */
    defaultPaymentMethod: () => p.manyToOne(PaymentMethod).ref().nullable(),
    collectionMethod: p.enum([...COLLECTION_METHODS]).default("charge_automatically"),
    /** For `send_invoice`; null uses the merchant's default. */
    daysUntilDue: p.integer().nullable(),
    prorationBehavior: p.enum([...PRORATION_BEHAVIORS]).default("create_prorations"),
    scheduledChange: p.json<ScheduledSubscriptionChange>().nullable(),
    latestInvoice: () => p.manyToOne(Invoice).ref().nullable(),
    /** Sandbox only: billing time comes from this clock instead of the wall clock. */
    testClock: () => p.manyToOne(TestClock).ref().nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [
    { properties: ["customer", "createdAt", "id"] },
    { properties: ["merchant", "status"] },
    { properties: ["status", "currentPeriodEnd"] },
    { properties: ["testClock"] },
  ],
});
export type ISubscription = InferEntity<typeof Subscription>;

/** One price on a subscription, with its quantity (seats for `per_seat`, 1 otherwise). */
export const SubscriptionItem = defineEntity({
  name: "SubscriptionItem",
  tableName: "subscription_item",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("si"),
    merchant: () => p.manyToOne(Merchant).ref(),
    subscription: () => p.manyToOne(Subscription).ref().deleteRule("cascade"),
    price: () => p.manyToOne(Price).ref(),
    quantity: p.integer().default(1),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["subscription", "price"] }],
});
export type ISubscriptionItem = InferEntity<typeof SubscriptionItem>;
