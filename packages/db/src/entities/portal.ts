import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  createdAtColumn,
  idColumn,
  localeColumn,
  metadataColumn,
  publicIdColumn,
  secretHashColumn,
  updatedAtColumn,
  urlColumn,
} from "./columns.js";
import { Coupon, Discount } from "./catalog.js";
import { Customer, CustomerUser } from "./customer.js";
import { ApiKey, Merchant } from "./merchant.js";
import { Subscription, type ProrationBehavior } from "./subscription.js";

export const CANCELLATION_FEEDBACK_REASONS = [
  "too_expensive",
  "missing_features",
  "switched_service",
  "unused",
  "customer_service",
  "too_complex",
  "low_quality",
  "other",
] as const;
export type CancellationFeedbackReason = (typeof CANCELLATION_FEEDBACK_REASONS)[number];

/** Customer fields the portal may let customers edit. */
export const CUSTOMER_EDITABLE_FIELDS = ["name", "email", "phone", "address", "taxId", "locale"] as const;
export type CustomerEditableField = (typeof CUSTOMER_EDITABLE_FIELDS)[number];

/** What the portal shows and allows, per configuration. Price/product references are public ids. */
export interface PortalFeatures {
  invoiceHistory: { enabled: boolean };
  paymentMethodUpdate: { enabled: boolean };
  customerUpdate: { enabled: boolean; allowedFields: CustomerEditableField[] };
  subscriptionCancel: {
    enabled: boolean;
    mode: "immediately" | "at_period_end";
    prorationBehavior: ProrationBehavior;
    /** Reasons offered in the cancel flow; empty asks for none. */
    cancellationReasons: CancellationFeedbackReason[];
    /** Show an active RetentionOffer before confirming. */
    retentionOffers: boolean;
  };
  subscriptionPause: {
    enabled: boolean;
    /** Longest pause a customer may choose; null = unlimited. */ maxDays: number | null;
  };
  subscriptionUpdate: {
    enabled: boolean;
    /** Products a customer may switch between, and which of their prices. */
    products: { product: string; prices: string[] }[];
    /** What may change: the price, the quantity (seats), or both. */
    allowedUpdates: ("price" | "quantity")[];
    prorationBehavior: ProrationBehavior;
  };
  usage: { enabled: boolean };
  wallets: { enabled: boolean };
  statements: { enabled: boolean; formats: ("pdf" | "csv" | "xlsx")[] };
  documents: { enabled: boolean };
  support: { enabled: boolean };
  notifications: { enabled: boolean };
  /** Pay less than the full amount of an invoice; `minimumAmount` in minor units. */
  partialPayments: { enabled: boolean; minimumAmount: number | null };
  /** Customer users may register themselves (only with an e-mail of one of the merchant's customers). */
  registration: { enabled: boolean };
}

/** The portal's look and legal links. */
export interface PortalBranding {
  businessName?: string | null;
  logoUrl?: string | null;
  iconUrl?: string | null;
  /** CSS colours (`#0a7cff`). */
  primaryColor?: string | null;
  accentColor?: string | null;
  headline?: string | null;
  privacyPolicyUrl?: string | null;
  termsOfServiceUrl?: string | null;
}

/** The configuration a merchant gets until it edits one: a calm, Stripe-like portal. */
export function defaultPortalFeatures(): PortalFeatures {
  return {
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    customerUpdate: { enabled: true, allowedFields: ["name", "email", "address", "phone", "taxId"] },
    subscriptionCancel: {
      enabled: true,
      mode: "at_period_end",
      prorationBehavior: "none",
      cancellationReasons: [...CANCELLATION_FEEDBACK_REASONS],
      retentionOffers: false,
    },
    subscriptionPause: { enabled: false, maxDays: null },
    subscriptionUpdate: {
      enabled: false,
      products: [],
      allowedUpdates: ["price", "quantity"],
      prorationBehavior: "create_prorations",
    },
    usage: { enabled: true },
    wallets: { enabled: true },
    statements: { enabled: true, formats: ["pdf", "csv", "xlsx"] },
    documents: { enabled: true },
    support: { enabled: false },
    notifications: { enabled: true },
    partialPayments: { enabled: false, minimumAmount: null },
    registration: { enabled: false },
  };
}

/** A merchant's portal configuration; exactly one per merchant may be the default. */
export const PortalConfiguration = defineEntity({
  name: "PortalConfiguration",
  tableName: "portal_configuration",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("bpc"),
    merchant: () => p.manyToOne(Merchant).ref(),
    name: p.string().length(200),
    isDefault: p.boolean().default(false),
    active: p.boolean().default(true),
    features: p.json<PortalFeatures>().onCreate(() => defaultPortalFeatures()),
    branding: p
      .json<PortalBranding>()
      .defaultRaw("'{}'::jsonb")
      .onCreate(() => ({})),
    /** Where "Return to <merchant>" leads when the session did not bring a returnUrl. */
    defaultReturnUrl: urlColumn().nullable(),
    defaultLocale: localeColumn().nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant"] }],
  uniques: [
    {
      name: "portal_configuration_one_default_per_merchant",
      expression: `create unique index "portal_configuration_one_default_per_merchant" on "portal_configuration" ("merchant_id") where "is_default"`,
    },
  ],
});
export type IPortalConfiguration = InferEntity<typeof PortalConfiguration>;

export const PORTAL_FLOW_TYPES = [
  "subscription_cancel",
  "subscription_update",
  "subscription_update_confirm",
  "payment_method_update",
  "invoice_pay",
] as const;
export type PortalFlowType = (typeof PORTAL_FLOW_TYPES)[number];

/** A deep link into one task of the portal (ids are public ids). */
export interface PortalFlow {
  type: PortalFlowType;
  subscription?: string;
  invoice?: string;
  /** For `subscription_update_confirm`: the proposed items. */
  items?: { price: string; quantity?: number }[];
  /** After the task: back to `returnUrl`, to the portal home, or to another URL. */
  afterCompletion?: { type: "portal_homepage" | "redirect"; redirectUrl?: string };
}

/**
 * A portal link (Stripe's "portal session"): created by a merchant backend, exchanged once
 * for a customer session. The URL holds a random secret; only its hash is kept. The
 * resulting AuthSession points back here for returnUrl, flow and configuration.
 */
export const PortalSession = defineEntity({
  name: "PortalSession",
  tableName: "portal_session",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("ps"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    /** Null uses the merchant's default configuration. */
    configuration: () => p.manyToOne(PortalConfiguration).ref().nullable(),
    secretHash: secretHashColumn().unique().hidden(),
    flow: p.json<PortalFlow>().nullable(),
    returnUrl: urlColumn().nullable(),
    locale: localeColumn().nullable(),
    expiresAt: p.datetime(),
    redeemedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdByApiKey: () => p.manyToOne(ApiKey).ref().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["customer", "createdAt", "id"] }],
});
export type IPortalSession = InferEntity<typeof PortalSession>;

export const CUSTOMER_TOKEN_SCOPES = [
  "customer:read",
  "customer:write",
  "subscriptions:read",
  "subscriptions:write",
  "invoices:read",
  "payment_methods:read",
  "payment_methods:write",
  "usage:read",
  "credits:read",
] as const;
export type CustomerTokenScope = (typeof CUSTOMER_TOKEN_SCOPES)[number];

/** `cst_…` bearer token for embedded components calling `portal` procedures directly. */
export const CustomerToken = defineEntity({
  name: "CustomerToken",
  tableName: "customer_token",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("cst"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    /** SHA-256 (hex) of the whole token. */
    tokenHash: secretHashColumn().unique().hidden(),
    /** Visible start of the token, shown in lists. */
    prefix: p.string().length(32),
    scopes: p.array<CustomerTokenScope>(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    createdByApiKey: () => p.manyToOne(ApiKey).ref().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["customer", "createdAt", "id"] }],
});
export type ICustomerToken = InferEntity<typeof CustomerToken>;

/** A discount shown to a customer about to cancel (`appliesTo*` null = any). */
export const RetentionOffer = defineEntity({
  name: "RetentionOffer",
  tableName: "retention_offer",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("ro"),
    merchant: () => p.manyToOne(Merchant).ref(),
    name: p.string().length(200),
    active: p.boolean().default(true),
    /** The discount granted on acceptance. */
    coupon: () => p.manyToOne(Coupon).ref(),
    /** Price public ids the offer is shown for. */
    appliesToPrices: p.json<string[]>().nullable(),
    /** Cancellation reasons the offer is shown for. */
    appliesToReasons: p.json<CancellationFeedbackReason[]>().nullable(),
    headline: p.string().length(200),
    body: p.text().nullable(),
    maxRedemptionsPerCustomer: p.integer().nullable().default(1),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant"] }],
});
export type IRetentionOffer = InferEntity<typeof RetentionOffer>;

/** A retention offer accepted on a subscription, with the discount it created. */
export const RetentionOfferRedemption = defineEntity({
  name: "RetentionOfferRedemption",
  tableName: "retention_offer_redemption",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("rr"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    offer: () => p.manyToOne(RetentionOffer).ref(),
    subscription: () => p.manyToOne(Subscription).ref(),
    discount: () => p.manyToOne(Discount).ref().nullable(),
    redeemedAt: p.datetime(),
    createdAt: createdAtColumn(),
  }),
  indexes: [{ properties: ["customer", "offer"] }],
});
export type IRetentionOfferRedemption = InferEntity<typeof RetentionOfferRedemption>;

/** Why a customer canceled, asked in the portal's cancel flow. */
export const CancellationFeedback = defineEntity({
  name: "CancellationFeedback",
  tableName: "cancellation_feedback",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("cf"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    subscription: () => p.manyToOne(Subscription).ref(),
    customerUser: () => p.manyToOne(CustomerUser).ref().nullable(),
    reason: p.enum([...CANCELLATION_FEEDBACK_REASONS]),
    comment: p.text().nullable(),
    offerShown: () => p.manyToOne(RetentionOffer).ref().nullable(),
    offerAccepted: p.boolean().default(false),
    createdAt: createdAtColumn(),
  }),
  indexes: [{ properties: ["merchant", "createdAt"] }, { properties: ["subscription"] }],
});
export type ICancellationFeedback = InferEntity<typeof CancellationFeedback>;
