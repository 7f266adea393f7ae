import { queueAuditEvent, type EntityManager } from "@portico/db";
import type { Clock } from "../clock.js";
import { auditEventBy, type MerchantActor } from "./actor.js";

/**
 * Marks a catalog row (product, tax rate, coupon) inactive and audits it; the row stays on
 * whatever already uses it. Archiving an archived row changes nothing and audits nothing.
 */
export async function archiveRow<T extends { active: boolean; publicId: string }>(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  row: T,
  audit: { action: string; targetType: string },
): Promise<T> {
  if (!row.active) return row;
  const now = clock.now();
  row.active = false;
  queueAuditEvent(em, auditEventBy(actor, { ...audit, targetId: row.publicId, at: now }));
  await em.flush();
  return row;
}
