import type {
  EntityManager,
  ICustomer,
  IInvoice,
  IPayment,
  IPortalSession,
  ISubscription,
} from "@portico/db";
import { toCustomerDto } from "../customers/dto.js";
import { PAYMENT_POPULATE, toPaymentDto } from "../payments/dto.js";
import { INVOICE_SUMMARY_POPULATE, toInvoiceSummaryDto } from "../payments/invoice-dto.js";
import { toSubscriptionDto } from "../subscriptions/dto.js";
import { SUBSCRIPTION_POPULATE } from "../subscriptions/load.js";

/**
 * The outbound webhook event catalogue: every type an endpoint may subscribe to, and how
 * each builds `data.object` from the row that changed. The object is the public DTO the
 * integration API answers for that row, so a receiver parses events and API responses alike.
 * @portico/validators mirrors the list (WEBHOOK_EVENT_TYPE_VALUES); a test keeps them equal.
 */
export const WEBHOOK_EVENT_TYPES = [
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "subscription.created",
  "subscription.updated",
  "subscription.canceled",
  "invoice.finalized",
  "invoice.paid",
  "invoice.voided",
  "payment.succeeded",
  "payment.failed",
  "payment.refunded",
  "portal.session.completed",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An endpoint's `events` entry that selects every type, present and future. */
export const ALL_WEBHOOK_EVENTS = "*";

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The row an event of type T is about. */
export type WebhookEventSource<T extends WebhookEventType> = T extends `customer.${string}`
  ? ICustomer
  : T extends `subscription.${string}`
    ? ISubscription
    : T extends `invoice.${string}`
      ? IInvoice
      : T extends `payment.${string}`
        ? IPayment
        : T extends `portal.session.${string}`
          ? IPortalSession
          : never;

/** What a receiver gets (Stripe's shape). */
export interface WebhookEventPayload {
  /** `whevt_…`, the same at every endpoint and on every retry: receivers deduplicate on it. */
  id: string;
  type: WebhookEventType;
  /** When the change happened (ISO 8601, the business clock's time). */
  created: string;
  data: { object: Record<string, unknown> };
}

type ObjectBuilder<T extends WebhookEventType> = (
  em: EntityManager,
  source: WebhookEventSource<T>,
  at: Date,
) => Promise<object>;

/** Emitted before the insert: the column default of a new customer's balance is not on the row yet. */
async function createdCustomerObject(_em: EntityManager, customer: ICustomer) {
  return { ...toCustomerDto(customer), balance: customer.balance ?? 0 };
}

/**
 * Emitted before the flush that stamps the row's `updatedAt` (so the event commits with the
 * change): the object carries the event's time instead of the previous update's.
 */
async function updatedCustomerObject(_em: EntityManager, customer: ICustomer, at: Date) {
  return { ...toCustomerDto(customer), updatedAt: at.toISOString() };
}

/** Built before the external id is released, so the receiver can still match it. */
async function deletedCustomerObject(_em: EntityManager, customer: ICustomer) {
  return { ...toCustomerDto(customer), deleted: true };
}

async function subscriptionObject(em: EntityManager, subscription: ISubscription) {
  await em.populate(subscription, SUBSCRIPTION_POPULATE);
  return toSubscriptionDto(subscription);
}

/** The invoice summary (amounts and state; the lines are one `integration.invoices.get` away). */
async function invoiceObject(em: EntityManager, invoice: IInvoice, at: Date) {
  await em.populate(invoice, INVOICE_SUMMARY_POPULATE);
  return toInvoiceSummaryDto(invoice, at);
}

async function paymentObject(em: EntityManager, payment: IPayment) {
  await em.populate(payment, PAYMENT_POPULATE);
  return toPaymentDto(payment);
}

/** Portal sessions have no public DTO: their public ids only (the secret never leaves). */
async function portalSessionObject(em: EntityManager, session: IPortalSession) {
  await em.populate(session, ["customer"]);
  return { id: session.publicId, customer: session.customer.getEntity().publicId };
}

const OBJECT_BUILDERS: { [T in WebhookEventType]: ObjectBuilder<T> } = {
  "customer.created": createdCustomerObject,
  "customer.updated": updatedCustomerObject,
  "customer.deleted": deletedCustomerObject,
  "subscription.created": subscriptionObject,
  "subscription.updated": subscriptionObject,
  "subscription.canceled": subscriptionObject,
  "invoice.finalized": invoiceObject,
  "invoice.paid": invoiceObject,
  "invoice.voided": invoiceObject,
  "payment.succeeded": paymentObject,
  "payment.failed": paymentObject,
  "payment.refunded": paymentObject,
  "portal.session.completed": portalSessionObject,
};

/** The event as receivers get it. */
export async function buildWebhookEventPayload<T extends WebhookEventType>(
  em: EntityManager,
  event: { id: string; type: T; source: WebhookEventSource<T>; occurredAt: Date },
): Promise<WebhookEventPayload> {
  const build = OBJECT_BUILDERS[event.type] as ObjectBuilder<T>;
  const object = (await build(em, event.source, event.occurredAt)) as Record<string, unknown>;
  return { id: event.id, type: event.type, created: event.occurredAt.toISOString(), data: { object } };
}
