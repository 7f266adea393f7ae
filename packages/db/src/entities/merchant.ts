import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  addressColumn,
  counterColumn,
  createdAtColumn,
  currencyColumn,
  emailColumn,
  idColumn,
  localeColumn,
  publicIdColumn,
  secretHashColumn,
  updatedAtColumn,
  urlColumn,
} from "./columns.js";

export const PAYMENT_GATEWAYS = ["sandbox", "stripe"] as const;
export type PaymentGateway = (typeof PAYMENT_GATEWAYS)[number];

/** What dunning does once the last retry has failed. */
export const DUNNING_FINAL_ACTIONS = ["cancel", "mark_uncollectible", "leave_past_due"] as const;
export type DunningFinalAction = (typeof DUNNING_FINAL_ACTIONS)[number];

/** A business that runs Portico for its customers. Every tenant row points here. */
export const Merchant = defineEntity({
  name: "Merchant",
  tableName: "merchant",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("mer"),
    /** URL-safe handle, used when several merchants share one Portico. */
    slug: p.string().length(63).unique(),
    name: p.string().length(200),
    supportEmail: emailColumn().nullable(),
    supportUrl: urlColumn().nullable(),
    /** Printed on invoices, credit notes and statements. */
    address: addressColumn(),
    taxId: p.string().length(64).nullable(),
    defaultCurrency: currencyColumn().default("USD"),
    defaultLocale: localeColumn().default("en"),
    timezone: p.string().length(64).default("UTC"),
    /** Last issued invoice number; incremented under a row lock for gap-free numbering. */
    invoiceNumberPrefix: p.string().length(20).default("INV"),
    lastInvoiceNumber: p.integer().default(0),
    /** Credit notes and payment receipts are numbered the same way (`<prefix>-CN-0001`). */
    lastCreditNoteNumber: p.integer().default(0),
    lastReceiptNumber: p.integer().default(0),
    /** Days until an invoice sent with `collectionMethod: send_invoice` is due. */
    defaultDaysUntilDue: p.integer().default(30),
    /** Days after the first failed charge on which the charge is retried. */
    dunningRetryDays: p
      .json<number[]>()
      .defaultRaw(`'[1, 3, 5]'::jsonb`)
      .onCreate(() => [1, 3, 5]),
    dunningFinalAction: p.enum([...DUNNING_FINAL_ACTIONS]).default("cancel"),
    /** sandbox merchants use the sandbox gateway and may run test clocks. */
    livemode: p.boolean().default(false),
    gateway: p.enum([...PAYMENT_GATEWAYS]).default("sandbox"),
    /**
     * Gateway credentials (e.g. Stripe secret key, webhook signing secret), encrypted by the
     * application before they are stored. Opaque to the database.
     */
    gatewayConfig: p.json<Record<string, string>>().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
});
export type IMerchant = InferEntity<typeof Merchant>;

export const MERCHANT_USER_ROLES = ["owner", "admin", "support"] as const;
export type MerchantUserRole = (typeof MERCHANT_USER_ROLES)[number];

/** A console login of one merchant. MFA is mandatory for owners (enforced by packages/auth). */
export const MerchantUser = defineEntity({
  name: "MerchantUser",
  tableName: "merchant_user",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("mu"),
    merchant: () => p.manyToOne(Merchant).ref(),
    email: emailColumn(),
    name: p.string().length(200),
    role: p.enum([...MERCHANT_USER_ROLES]),
    /** argon2id PHC string; null until an invited user sets a password. */
    passwordHash: secretHashColumn().nullable(),
    passwordChangedAt: p.datetime().nullable(),
    /**
     * TOTP secret, encrypted by the application (opaque text). Set with `mfaEnabledAt` null
     * while enrolment awaits its first code.
     */
    totpSecret: p.text().nullable(),
    /** Time step of the last accepted TOTP code, so a code cannot be used twice. */
    totpLastUsedStep: p.bigint("number").nullable(),
    mfaEnabledAt: p.datetime().nullable(),
    emailVerifiedAt: p.datetime().nullable(),
    /** Consecutive failed password / TOTP / recovery-code attempts; reset on success. */
    failedLoginCount: counterColumn(),
    lockedUntil: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    invitedAt: p.datetime().nullable(),
    invitedBy: () => p.manyToOne(MerchantUser).ref().nullable(),
    disabledAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "email"] }],
  // Sign-in starts from the e-mail alone (the user may belong to several merchants).
  indexes: [{ properties: ["email"] }],
});
export type IMerchantUser = InferEntity<typeof MerchantUser>;

export const API_KEY_MODES = ["test", "live"] as const;
export type ApiKeyMode = (typeof API_KEY_MODES)[number];

/** `sk_test_…` / `sk_live_…` key for merchant backends; only its hash is stored. */
export const ApiKey = defineEntity({
  name: "ApiKey",
  tableName: "api_key",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("key"),
    merchant: () => p.manyToOne(Merchant).ref(),
    name: p.string().length(200),
    /** The visible start of the key (`sk_test_abcd`), shown in lists. */
    prefix: p.string().length(32),
    /** SHA-256 (hex) of the whole key; looked up on every request. */
    secretHash: secretHashColumn().unique().hidden(),
    mode: p.enum([...API_KEY_MODES]),
    lastUsedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(MerchantUser).ref().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant", "createdAt"] }],
});
export type IApiKey = InferEntity<typeof ApiKey>;
