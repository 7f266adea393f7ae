import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  counterColumn,
  createdAtColumn,
  emailColumn,
  idColumn,
  publicIdColumn,
  updatedAtColumn,
} from "./columns.js";
import { Customer, CustomerUser } from "./customer.js";
import { Merchant } from "./merchant.js";

export const NOTIFICATION_CHANNELS = ["email"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_CATEGORIES = [
  "invoices",
  "receipts",
  "payment_failures",
  "usage_alerts",
  "statements",
  "product_updates",
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/**
 * Whether a customer (customerUser null: the account's billing e-mail) or one of its users
 * gets a category of messages. No row means the default (enabled). Unique with
 * NULLS NOT DISTINCT, so the account-level row is unique too and upserts work.
 */
export const NotificationPreference = defineEntity({
  name: "NotificationPreference",
  tableName: "notification_preference",
  properties: (p) => ({
    id: idColumn(),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    customerUser: () => p.manyToOne(CustomerUser).ref().nullable().deleteRule("cascade"),
    channel: p.enum([...NOTIFICATION_CHANNELS]).default("email"),
    category: p.enum([...NOTIFICATION_CATEGORIES]),
    enabled: p.boolean().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [
    {
      name: "notification_preference_unique",
      expression: `create unique index "notification_preference_unique" on "notification_preference" ("customer_id", "customer_user_id", "category", "channel") nulls not distinct`,
    },
  ],
});
export type INotificationPreference = InferEntity<typeof NotificationPreference>;

export const EMAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * The e-mail outbox: every message is written here first; a job sends it through SMTP
 * when SMTP_URL is set, otherwise it stays for the console to show.
 */
export const EmailMessage = defineEntity({
  name: "EmailMessage",
  tableName: "email_message",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("eml"),
    merchant: () => p.manyToOne(Merchant).ref().nullable(),
    customer: () => p.manyToOne(Customer).ref().nullable(),
    to: emailColumn(),
    from: p.string().length(400).nullable(),
    replyTo: emailColumn().nullable(),
    subject: p.string().length(500),
    text: p.text(),
    html: p.text().nullable(),
    /** Template name (`login_code`, `invoice_finalized`) and its variables, for re-rendering. */
    template: p.string().length(100).nullable(),
    templateData: p.json<Record<string, unknown>>().nullable(),
    status: p.enum([...EMAIL_STATUSES]).default("queued"),
    attempts: counterColumn(),
    error: p.text().nullable(),
    /** SMTP Message-ID returned on send. */
    messageId: p.string().length(255).nullable(),
    sentAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant", "createdAt", "id"] }, { properties: ["to", "createdAt"] }],
});
export type IEmailMessage = InferEntity<typeof EmailMessage>;
