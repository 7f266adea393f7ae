import { defineEntity, type InferEntity } from "@mikro-orm/core";
import { createdAtColumn, idColumn, publicIdColumn, updatedAtColumn } from "./columns.js";
import { Customer, CustomerUser } from "./customer.js";
import { Merchant, MerchantUser } from "./merchant.js";

export const SUPPORT_TICKET_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type SupportTicketStatus = (typeof SUPPORT_TICKET_STATUSES)[number];
export const SUPPORT_TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type SupportTicketPriority = (typeof SUPPORT_TICKET_PRIORITIES)[number];

/** A support conversation between a customer and the merchant. */
export const SupportTicket = defineEntity({
  name: "SupportTicket",
  tableName: "support_ticket",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("tkt"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    openedBy: () => p.manyToOne(CustomerUser).ref().nullable(),
    assignedTo: () => p.manyToOne(MerchantUser).ref().nullable(),
    subject: p.string().length(300),
    status: p.enum([...SUPPORT_TICKET_STATUSES]).default("open"),
    priority: p.enum([...SUPPORT_TICKET_PRIORITIES]).default("normal"),
    messages: () => p.oneToMany(SupportMessage).mappedBy("ticket"),
    lastMessageAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [
    { properties: ["customer", "createdAt", "id"] },
    { properties: ["merchant", "status", "lastMessageAt"] },
  ],
});
export type ISupportTicket = InferEntity<typeof SupportTicket>;

export const SUPPORT_MESSAGE_AUTHOR_TYPES = ["customer", "merchant", "system"] as const;
export type SupportMessageAuthorType = (typeof SUPPORT_MESSAGE_AUTHOR_TYPES)[number];

/** A file attached to a message: a StoredFile public id and what to show. */
export interface SupportAttachment {
  file: string;
  filename: string;
  contentType: string;
  byteSize: number;
}

/** One message of a ticket; the author is a customer user, a merchant user or the system. */
export const SupportMessage = defineEntity({
  name: "SupportMessage",
  tableName: "support_message",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("msg"),
    merchant: () => p.manyToOne(Merchant).ref(),
    ticket: () => p.manyToOne(SupportTicket).ref().deleteRule("cascade"),
    authorType: p.enum([...SUPPORT_MESSAGE_AUTHOR_TYPES]),
    customerUser: () => p.manyToOne(CustomerUser).ref().nullable(),
    merchantUser: () => p.manyToOne(MerchantUser).ref().nullable(),
    body: p.text(),
    attachments: p
      .json<SupportAttachment[]>()
      .defaultRaw("'[]'::jsonb")
      .onCreate(() => []),
    /** Internal notes are visible in the console only. */
    internal: p.boolean().default(false),
    createdAt: createdAtColumn(),
  }),
  indexes: [{ properties: ["ticket", "createdAt"] }],
});
export type ISupportMessage = InferEntity<typeof SupportMessage>;
