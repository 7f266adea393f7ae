import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  createdAtColumn,
  currencyColumn,
  idColumn,
  metadataColumn,
  moneyColumn,
  publicIdColumn,
  updatedAtColumn,
} from "./columns.js";
import { Customer } from "./customer.js";
import { CreditNote, Invoice } from "./invoice.js";
import { Merchant, PAYMENT_GATEWAYS } from "./merchant.js";

export const PAYMENT_METHOD_TYPES = ["card", "sepa_debit", "us_bank_account"] as const;
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/**
 * A saved way to pay, as the gateway tokenized it. Never a card number: the gateway's
 * token plus what may be shown (brand, last4, expiry). At most one default per customer
 * among attached methods (partial unique index).
 */
export const PaymentMethod = defineEntity({
  name: "PaymentMethod",
  tableName: "payment_method",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("pm"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    gateway: p.enum([...PAYMENT_GATEWAYS]),
    /** The gateway's id for the method (Stripe `pm_…`, sandbox token). */
    gatewayToken: p.string().length(255),
    type: p.enum([...PAYMENT_METHOD_TYPES]),
    /** Card brand (`visa`) or bank name for bank accounts. */
    brand: p.string().length(50).nullable(),
    last4: p.string().length(4).nullable(),
    expMonth: p.smallint().nullable(),
    expYear: p.smallint().nullable(),
    holderName: p.string().length(200).nullable(),
    /** ISO 3166-1 alpha-2 of the issuing bank. */
    country: p.string().length(2).nullable(),
    /** The gateway's fingerprint of the card/account, to spot the same card saved twice. */
    fingerprint: p.string().length(100).nullable(),
    isDefault: p.boolean().default(false),
    detachedAt: p.datetime().nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [
    { properties: ["merchant", "gateway", "gatewayToken"] },
    {
      name: "payment_method_one_default_per_customer",
      expression: `create unique index "payment_method_one_default_per_customer" on "payment_method" ("customer_id") where "is_default" and "detached_at" is null`,
    },
  ],
  indexes: [{ properties: ["customer", "createdAt", "id"] }],
});
export type IPaymentMethod = InferEntity<typeof PaymentMethod>;

export const PAYMENT_STATUSES = [
  "processing",
  "succeeded",
  "failed",
  "refunded",
  "partially_refunded",
  "canceled",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_PURPOSES = ["invoice", "wallet_top_up"] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/**
 * One charge attempt through a gateway. Idempotent per merchant by `idempotencyKey`;
 * `requestHash` (SHA-256 of the normalized parameters) tells a retry from a different
 * request that reuses the key (→ CONFLICT).
 */
export const Payment = defineEntity({
  name: "Payment",
  tableName: "payment",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("py"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    purpose: p.enum([...PAYMENT_PURPOSES]).default("invoice"),
    invoice: () => p.manyToOne(Invoice).ref().nullable(),
    paymentMethod: () => p.manyToOne(PaymentMethod).ref().nullable(),
    amount: moneyColumn(),
    currency: currencyColumn(),
    amountRefunded: moneyColumn().default(0),
    status: p.enum([...PAYMENT_STATUSES]).default("processing"),
    /** Stable machine code (`card_declined`, `insufficient_funds`, …) and gateway text. */
    failureCode: p.string().length(100).nullable(),
    failureMessage: p.string().length(500).nullable(),
    /** What the customer must do next (3-D Secure redirect), as the gateway describes it. */
    nextAction: p.json<Record<string, unknown>>().nullable(),
    idempotencyKey: p.string().length(255),
    requestHash: p.string().length(64),
    gateway: p.enum([...PAYMENT_GATEWAYS]),
    /** The gateway's id for the charge (Stripe PaymentIntent `pi_…`). */
    gatewayReference: p.string().length(255).nullable(),
    /** Gap-free per merchant, assigned on success from the merchant's counter. */
    receiptNumber: p.string().length(64).nullable(),
    description: p.string().length(500).nullable(),
    succeededAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "idempotencyKey"] }, { properties: ["merchant", "receiptNumber"] }],
  checks: [
    {
      name: "payment_amounts",
      expression: "amount > 0 and amount_refunded >= 0 and amount_refunded <= amount",
    },
  ],
  indexes: [
    { properties: ["customer", "createdAt", "id"] },
    { properties: ["merchant", "createdAt", "id"] },
    { properties: ["invoice"] },
    { properties: ["gateway", "gatewayReference"] },
    {
      // The settlement sweep looks for charges still processing; few rows, so a partial index.
      name: "payment_processing_created_at_index",
      expression: `create index "payment_processing_created_at_index" on "payment" ("created_at") where "status" = 'processing'`,
    },
  ],
});
export type IPayment = InferEntity<typeof Payment>;

export const REFUND_STATUSES = ["pending", "succeeded", "failed", "canceled"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "other"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** Money sent back on a payment, usually issued with a credit note. */
export const Refund = defineEntity({
  name: "Refund",
  tableName: "refund",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("re"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    payment: () => p.manyToOne(Payment).ref(),
    amount: moneyColumn(),
    currency: currencyColumn(),
    reason: p.enum([...REFUND_REASONS]).nullable(),
    status: p.enum([...REFUND_STATUSES]).default("pending"),
    gatewayReference: p.string().length(255).nullable(),
    failureMessage: p.string().length(500).nullable(),
    creditNote: () => p.manyToOne(CreditNote).ref().nullable(),
    idempotencyKey: p.string().length(255).nullable(),
    succeededAt: p.datetime().nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "idempotencyKey"] }],
  checks: [{ name: "refund_amount_positive", expression: "amount > 0" }],
  indexes: [{ properties: ["payment"] }, { properties: ["customer", "createdAt", "id"] }],
});
export type IRefund = InferEntity<typeof Refund>;

export const IDEMPOTENCY_STATUSES = ["in_progress", "completed"] as const;
export type IdempotencyStatus = (typeof IDEMPOTENCY_STATUSES)[number];

/**
 * Generic idempotency for mutating API calls: the first call inserts `in_progress` (the
 * unique key makes concurrent duplicates wait or fail), stores the response on completion,
 * and later calls with the same key replay it, or get CONFLICT when `requestHash` differs.
 * `lockedUntil` lets a crashed attempt be taken over.
 */
export const IdempotencyRecord = defineEntity({
  name: "IdempotencyRecord",
  tableName: "idempotency_record",
  properties: (p) => ({
    id: idColumn(),
    merchant: () => p.manyToOne(Merchant).ref(),
    /** The operation (`invoices.pay`), optionally narrowed (`portal:cus_…`). */
    scope: p.string().length(200),
    key: p.string().length(255),
    requestHash: p.string().length(64),
    status: p.enum([...IDEMPOTENCY_STATUSES]).default("in_progress"),
    responseJson: p.json<unknown>().nullable(),
    /** The tRPC error code when the first call failed with a deterministic error. */
    errorCode: p.string().length(100).nullable(),
    lockedUntil: p.datetime().nullable(),
    /** Records may be deleted after this (default retention 24 h+). */
    expiresAt: p.datetime(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "scope", "key"] }],
  indexes: [{ properties: ["expiresAt"] }],
});
export type IIdempotencyRecord = InferEntity<typeof IdempotencyRecord>;

/** An inbound gateway webhook (Stripe event), processed at most once per (gateway, eventId). */
export const GatewayEvent = defineEntity({
  name: "GatewayEvent",
  tableName: "gateway_event",
  properties: (p) => ({
    id: idColumn(),
    /** Resolved from the payload when known (null for events Portico cannot place). */
    merchant: () => p.manyToOne(Merchant).ref().nullable(),
    gateway: p.enum([...PAYMENT_GATEWAYS]),
    eventId: p.string().length(255),
    type: p.string().length(100),
    payload: p.json<Record<string, unknown>>(),
    receivedAt: createdAtColumn(),
    processedAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  }),
  uniques: [{ properties: ["gateway", "eventId"] }],
});
export type IGatewayEvent = InferEntity<typeof GatewayEvent>;
