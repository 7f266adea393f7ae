import type { AuditActorType, AuditEventInput } from "@portico/db";

/** Who is acting, for the audit trail of a core change: a user, an API key, a job. */
export interface Actor {
  type: AuditActorType;
  /** Public id (`mu_…`, `cu_…`, `key_…`); null for the system. */
  id?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** Renewals, dunning and other jobs act as the system. */
export const SYSTEM_ACTOR: Actor = { type: "system" };

export function actorFields(
  actor: Actor,
): Pick<AuditEventInput, "actorType" | "actorId" | "ip" | "userAgent" | "requestId"> {
  return {
    actorType: actor.type,
    actorId: actor.id ?? null,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
    requestId: actor.requestId ?? null,
  };
}
