import {
  NotificationPreference,
  queueAuditEvent,
  type EntityManager,
  type NotificationCategory,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { portalCustomer } from "../portal/scope.js";
import { portalAuditActor, type PortalUserActor, type PortalUserScope } from "../profile/actor.js";

/** The e-mail categories the portal lets customers turn off, in the order it shows them. */
export const PORTAL_NOTIFICATION_CATEGORIES = [
  "invoices",
  "receipts",
  "payment_failures",
  "usage_alerts",
] as const satisfies readonly NotificationCategory[];
export type PortalNotificationCategory = (typeof PORTAL_NOTIFICATION_CATEGORIES)[number];

export interface NotificationPreferencesDto {
  /**
   * Whose mail the settings govern: a login user's own (`user`), or the account's billing
   * e-mail for a portal link or a customer token (`account`).
   */
  appliesTo: "user" | "account";
  preferences: { category: PortalNotificationCategory; enabled: boolean }[];
}

/** The caller's rows: its login user's, or the account-level ones (customerUser null). */
function ownerOf(scope: PortalUserScope) {
  return { customer: scope.customerId, customerUser: scope.customerUserId, channel: "email" as const };
}

async function preferencesOf(em: EntityManager, scope: PortalUserScope): Promise<NotificationPreferencesDto> {
  const rows = await em.find(NotificationPreference, {
    ...ownerOf(scope),
    category: { $in: [...PORTAL_NOTIFICATION_CATEGORIES] },
  });
  const disabled = new Set(rows.filter((row) => !row.enabled).map((row) => row.category));
  return {
    appliesTo: scope.customerUserId === null ? "account" : "user",
    // No row is the default: enabled.
    preferences: PORTAL_NOTIFICATION_CATEGORIES.map((category) => ({
      category,
      enabled: !disabled.has(category),
    })),
  };
}

export async function getNotificationPreferences(
  em: EntityManager,
  scope: PortalUserScope,
): Promise<NotificationPreferencesDto> {
  await portalCustomer(em, scope);
  return preferencesOf(em, scope);
}

/**
 * Sets the given categories (upserts: one row per owner, category and channel, unique
 * with NULLS NOT DISTINCT so the account-level row is unique too); the others keep theirs.
 */
export async function updateNotificationPreferences(
  em: EntityManager,
  clock: Clock,
  actor: PortalUserActor,
  changes: Partial<Record<PortalNotificationCategory, boolean>>,
): Promise<NotificationPreferencesDto> {
  const customer = await portalCustomer(em, actor);
  const now = clock.now();
  const entries = PORTAL_NOTIFICATION_CATEGORIES.flatMap((category) => {
    const enabled = changes[category];
    return enabled === undefined ? [] : [{ category, enabled }];
  });
  await em.upsertMany(
    NotificationPreference,
    entries.map(({ category, enabled }) => ({
      merchant: actor.merchantId,
      ...ownerOf(actor),
      category,
      enabled,
      createdAt: now,
      updatedAt: now,
    })),
    {
      onConflictFields: ["customer", "customerUser", "category", "channel"],
      onConflictAction: "merge",
      onConflictMergeFields: ["enabled", "updatedAt"],
    },
  );
  queueAuditEvent(em, {
    merchant: actor.merchantId,
    customer,
    ...(await portalAuditActor(em, actor)),
    action: "NotificationPreferences.Updated",
    targetType: "customer",
    targetId: customer.publicId,
    data: { changes: Object.fromEntries(entries.map(({ category, enabled }) => [category, enabled])) },
    at: now,
  });
  await em.flush();
  return preferencesOf(em, actor);
}
