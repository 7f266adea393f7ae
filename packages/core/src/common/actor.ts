import type { AuditActorType, AuditEventInput, ICustomer } from "@portico/db";
import { type Actor, actorFields } from "../actor.js";

/**
 * Who changes a merchant's customers or catalog, and from where: an integration's API key,
 * a console user or the system, with the merchant it acts for. Every write takes one, so
 * the audit trail names the actor.
 */
export interface MerchantActor extends Actor {
  merchantId: number;
  type: Extract<AuditActorType, "api_key" | "merchant_user" | "system">;
  /** Public id of the key or console user (`key_…`, `mu_…`); null for the system. */
  id: string | null;
}

export interface ActorEvent {
  /** `Domain.Verb`, e.g. `Customer.Created`. */
  action: string;
  targetType: string;
  /** Public id of the changed row. */
  targetId: string;
  customer?: ICustomer | number | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** The audit event of a change `actor` made, for `queueAuditEvent`. */
export function auditEventBy(actor: MerchantActor, event: ActorEvent): AuditEventInput {
  return {
    merchant: actor.merchantId,
    customer: event.customer ?? null,
    ...actorFields(actor),
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    data: event.data ?? {},
    at: event.at,
  };
}
