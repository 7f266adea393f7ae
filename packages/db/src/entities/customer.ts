import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  addressColumn,
  counterColumn,
  createdAtColumn,
  currencyColumn,
  emailColumn,
  idColumn,
  localeColumn,
  metadataColumn,
  moneyColumn,
  publicIdColumn,
  secretHashColumn,
  updatedAtColumn,
} from "./columns.js";
import { Merchant } from "./merchant.js";

export const TAX_EXEMPT_STATUSES = ["none", "exempt", "reverse"] as const;
export type TaxExemptStatus = (typeof TAX_EXEMPT_STATUSES)[number];

/** A merchant's customer account: the party that is invoiced and pays. */
export const Customer = defineEntity({
  name: "Customer",
  tableName: "customer",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("cus"),
    merchant: () => p.manyToOne(Merchant).ref(),
    /** The merchant's own id for this customer; integrators may address customers by it. */
    externalId: p.string().length(255).nullable(),
    name: p.string().length(200),
    email: emailColumn().nullable(),
    phone: p.string().length(40).nullable(),
    address: addressColumn(),
    taxId: p.string().length(64).nullable(),
    taxExempt: p.enum([...TAX_EXEMPT_STATUSES]).default("none"),
    /** Preferred language; null falls back to the merchant's default. */
    locale: localeColumn().nullable(),
    /** Currency of the balance and of every invoice, set from the merchant default on creation. */
    currency: currencyColumn(),
    /** How much the customer may owe on open invoices; null means no limit is tracked. */
    creditLimit: moneyColumn().nullable(),
    /** Running account balance: positive is owed by the customer, negative is credit. */
    balance: moneyColumn().default(0),
    /** The payment gateway's customer object (e.g. Stripe `cus_…`), created on first use. */
    gatewayCustomerId: p.string().length(255).nullable(),
    metadata: metadataColumn(),
    /** Soft delete: the row stays for invoices, payments and the audit trail. */
    deletedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "externalId"] }],
  indexes: [{ properties: ["merchant", "email"] }, { properties: ["merchant", "createdAt", "id"] }],
});
export type ICustomer = InferEntity<typeof Customer>;

export const CUSTOMER_USER_ROLES = ["admin", "member"] as const;
export type CustomerUserRole = (typeof CUSTOMER_USER_ROLES)[number];

/**
 * A portal login of one customer account. `admin` acts for the whole account; `member` sees
 * only what `permissions` grants (the same vocabulary as customer-token scopes, e.g.
 * `invoices:read`, `payment_methods:write`). One e-mail may be a user of several customers.
 */
export const CustomerUser = defineEntity({
  name: "CustomerUser",
  tableName: "customer_user",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("cu"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    email: emailColumn(),
    name: p.string().length(200).nullable(),
    role: p.enum([...CUSTOMER_USER_ROLES]).default("member"),
    /** What a `member` may see and do; ignored for `admin`. */
    permissions: p
      .array()
      .defaultRaw(`'{}'`)
      .onCreate(() => []),
    /** argon2id PHC string; null for users who sign in with e-mailed codes only. */
    passwordHash: secretHashColumn().nullable(),
    passwordChangedAt: p.datetime().nullable(),
    /** TOTP secret, encrypted by the application (opaque text). */
    totpSecret: p.text().nullable(),
    /** Time step of the last accepted TOTP code, so a code cannot be used twice. */
    totpLastUsedStep: p.bigint("number").nullable(),
    mfaEnabledAt: p.datetime().nullable(),
    emailVerifiedAt: p.datetime().nullable(),
    locale: localeColumn().nullable(),
    failedLoginCount: counterColumn(),
    lockedUntil: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    invitedAt: p.datetime().nullable(),
    invitedBy: () => p.manyToOne(CustomerUser).ref().nullable(),
    disabledAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["customer", "email"] }],
  indexes: [{ properties: ["merchant", "email"] }],
});
export type ICustomerUser = InferEntity<typeof CustomerUser>;
