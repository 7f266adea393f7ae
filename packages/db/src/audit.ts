import type { EntityManager } from "@mikro-orm/postgresql";
import { AsyncLocalStorage } from "node:async_hooks";
import { AuditEvent, type AuditActorType, type IAuditEvent } from "./entities/audit.js";
import type { ICustomer } from "./entities/customer.js";
import type { IMerchant } from "./entities/merchant.js";

export interface AuditEventInput {
  /** The tenant the event belongs to: an entity or its numeric id. */
  merchant?: IMerchant | number | null;
  customer?: ICustomer | number | null;
  actorType: AuditActorType;
  /** Public id of the actor (`mu_…`, `cu_…`, `key_…`); never a numeric key. */
  actorId?: string | null;
  /** `Domain.Verb`, e.g. `Auth.Login`. */
  action: string;
  targetType?: string | null;
  /** Public id of the target. */
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Defaults to the id of the request being served (withAuditRequest). */
  requestId?: string | null;
  data?: Record<string, unknown>;
  /** When it happened; defaults to now (pass the injected clock's time). */
  at?: Date;
}

export interface AuditRequest {
  /** The HTTP request's id (`x-request-id`), also on its log lines. */
  requestId: string | null;
}

const currentRequest = new AsyncLocalStorage<AuditRequest>();

/**
 * Runs `fn` on behalf of one request: every AuditEvent queued inside it, however deep in
 * auth or core, carries the request's id without each caller passing it along. The API
 * wraps every procedure in it.
 */
export function withAuditRequest<T>(request: AuditRequest, fn: () => T): T {
  return currentRequest.run(request, fn);
}

/**
 * Queues one AuditEvent on `em` without flushing, for callers that write it in the same
 * flush (or transaction) as the change it records.
 */
export function queueAuditEvent(em: EntityManager, input: AuditEventInput): IAuditEvent {
  return em.create(AuditEvent, {
    merchant: input.merchant ?? null,
    customer: input.customer ?? null,
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    ip: input.ip?.slice(0, 64) ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    requestId: (input.requestId ?? currentRequest.getStore()?.requestId)?.slice(0, 64) ?? null,
    data: input.data ?? {},
    createdAt: input.at ?? new Date(),
  });
}

/**
 * Writes one AuditEvent now (append-only: the table refuses UPDATE and DELETE). Flushes
 * `em`, so whatever else is pending on it is written too.
 */
export async function recordAuditEvent(em: EntityManager, input: AuditEventInput): Promise<IAuditEvent> {
  const event = queueAuditEvent(em, input);
  await em.flush();
  return event;
}
