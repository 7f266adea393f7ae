import type { SubscriptionStatus } from "@portico/db";
import { AppError } from "../errors.js";

/** A bad request about a subscription, with its stable reason. */
export const badSubscriptionInput = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", reason, message, details ? { details } : {});

export const subscriptionNotFound = () =>
  new AppError("NOT_FOUND", "SUBSCRIPTION_NOT_FOUND", "No such subscription.");

/** The subscription's state forbids the request (canceled, paused, …). */
export const subscriptionConflict = (reason: string, message: string, status: SubscriptionStatus) =>
  new AppError("CONFLICT", reason, message, { details: { status } });

/** Canceled is final: every later change is this CONFLICT. */
export function assertNotCanceled(subscription: { status: SubscriptionStatus }): void {
  if (subscription.status === "canceled") {
    throw subscriptionConflict("SUBSCRIPTION_CANCELED", "This subscription is canceled.", "canceled");
  }
}
