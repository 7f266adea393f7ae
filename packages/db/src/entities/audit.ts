import { defineEntity, type InferEntity } from "@mikro-orm/core";
import { createdAtColumn, idColumn, publicIdColumn } from "./columns.js";
import { Customer } from "./customer.js";
import { Merchant } from "./merchant.js";

export const AUDIT_ACTOR_TYPES = [
  "merchant_user",
  "customer_user",
  "api_key",
  "system",
  "anonymous",
] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/**
 * Who did what, when, from where. APPEND ONLY: a trigger (initial migration) refuses
 * UPDATE, DELETE and TRUNCATE, so rows are never edited or removed, not even by a cascade
 * (the foreign keys are `no action`). Ids of actors and targets are public ids.
 */
export const AuditEvent = defineEntity({
  name: "AuditEvent",
  tableName: "audit_event",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("evt"),
    merchant: () => p.manyToOne(Merchant).ref().nullable().deleteRule("no action").updateRule("no action"),
    customer: () => p.manyToOne(Customer).ref().nullable().deleteRule("no action").updateRule("no action"),
    actorType: p.enum([...AUDIT_ACTOR_TYPES]),
    actorId: p.string().length(64).nullable(),
    /** `Domain.Verb`, e.g. `Auth.Login`, `Auth.LoginFailed`, `Invoice.Paid`. */
    action: p.string().length(100),
    targetType: p.string().length(50).nullable(),
    targetId: p.string().length(64).nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    /** Correlates the events of one request. */
    requestId: p.string().length(64).nullable(),
    data: p
      .json<Record<string, unknown>>()
      .defaultRaw("'{}'::jsonb")
      .onCreate(() => ({})),
    createdAt: createdAtColumn(),
  }),
  indexes: [
    { properties: ["merchant", "createdAt", "id"] },
    { properties: ["customer", "createdAt", "id"] },
    { properties: ["merchant", "targetType", "targetId"] },
  ],
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;
