import { z } from "zod";
import { ZMetadata, pageOf } from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";

/**
 * Inputs of `integration.subscriptions`. Enumerations mirror @portico/db
 * (SUBSCRIPTION_STATUSES, COLLECTION_METHODS, PRORATION_BEHAVIORS,
 * SUBSCRIPTION_CANCELLATION_REASONS); a test in @portico/api keeps them equal. Rules that
 * need the catalog (active prices, one currency, one interval, seats) are core's.
 */
export const SUBSCRIPTION_STATUS_VALUES = [
  "trialing",
  "active",
  "past_due",
  "paused",
  "canceled",
  "incomplete",
] as const;
export const COLLECTION_METHOD_VALUES = ["charge_automatically", "send_invoice"] as const;
export const PRORATION_BEHAVIOR_VALUES = ["create_prorations", "always_invoice", "none"] as const;
export const CANCELLATION_REASON_VALUES = [
  "cancellation_requested",
  "payment_failed",
  "payment_disputed",
] as const;

const ZSubscriptionId = publicIdOf("sub");

/** ISO 8601 instant with an offset. */
const ZInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const ZSubscriptionItemInput = z.strictObject({
  price: publicIdOf("price"),
  /** Seats of a per-seat price; omitted for flat and metered prices. */
  quantity: z.number().int().min(1).max(1_000_000).optional(),
});
export type TSubscriptionItemInput = z.infer<typeof ZSubscriptionItemInput>;

const ZItems = z.array(ZSubscriptionItemInput).min(1).max(20);

export const ZCreateSubscriptionInput = z.strictObject({
  customer: ZCustomerRef,
  items: ZItems,
  /** Days of free trial; omitted: the prices' trial; 0: none. */
  trialDays: z.number().int().min(0).max(730).optional(),
  /** `coupon_…` or a coupon code. */
  coupon: z.string().trim().min(1).max(100).optional(),
  collectionMethod: z.enum(COLLECTION_METHOD_VALUES).optional(),
  daysUntilDue: z.number().int().min(0).max(365).optional(),
  prorationBehavior: z.enum(PRORATION_BEHAVIOR_VALUES).optional(),
  /** A future instant billing periods count from; the first invoice is prorated up to it. */
  billingCycleAnchor: ZInstant.optional(),
  metadata: ZMetadata.optional(),
  /** `clock_…`: start at that sandbox test clock's time and run on it. */
  testClock: publicIdOf("clock").optional(),
});
export type TCreateSubscriptionInput = z.infer<typeof ZCreateSubscriptionInput>;

export const ZSubscriptionIdInput = z.strictObject({ id: ZSubscriptionId });
export type TSubscriptionIdInput = z.infer<typeof ZSubscriptionIdInput>;

export const ZListSubscriptionsInput = pageOf(ZSubscriptionId).extend({
  customer: ZCustomerRef,
  status: z.enum(SUBSCRIPTION_STATUS_VALUES).optional(),
});
export type TListSubscriptionsInput = z.infer<typeof ZListSubscriptionsInput>;

/** The items the subscription has afterwards; `effective` defaults to `now`. */
export const ZChangeSubscriptionInput = z.strictObject({
  id: ZSubscriptionId,
  items: ZItems,
  prorationBehavior: z.enum(PRORATION_BEHAVIOR_VALUES).optional(),
  effective: z.enum(["now", "period_end"]).optional(),
});
export type TChangeSubscriptionInput = z.infer<typeof ZChangeSubscriptionInput>;

export const ZCancelSubscriptionInput = z.strictObject({
  id: ZSubscriptionId,
  at: z.enum(["now", "period_end"]),
  /** With `now`: credit unused time to the customer balance. */
  prorate: z.boolean().optional(),
  reason: z.enum(CANCELLATION_REASON_VALUES).optional(),
});
export type TCancelSubscriptionInput = z.infer<typeof ZCancelSubscriptionInput>;

export const ZPauseSubscriptionInput = z.strictObject({
  id: ZSubscriptionId,
  resumeAt: ZInstant.optional(),
  maxPauseDays: z.number().int().min(1).max(3650).optional(),
});
export type TPauseSubscriptionInput = z.infer<typeof ZPauseSubscriptionInput>;
