import { OneTimeToken, queueAuditEvent, type CustomerEditableField, type EntityManager } from "@portico/db";
import type { Clock } from "../clock.js";
import { portalCustomer } from "../portal/scope.js";
import { emitEvent } from "../webhooks/emit.js";
import { portalAuditActor, type PortalUserActor, type PortalUserScope } from "./actor.js";
import { toPortalProfileDto, type PendingEmailChangeDto, type PortalProfileDto } from "./dto.js";
import { assertEditable, normalizeProfileChanges, type PortalProfileChanges } from "./fields.js";

/** The e-mail change this caller started and has not confirmed yet, while its code lives. */
export async function pendingEmailChange(
  em: EntityManager,
  scope: PortalUserScope,
  now: Date,
): Promise<PendingEmailChangeDto | null> {
  const token = await em.findOne(
    OneTimeToken,
    {
      purpose: "email_change",
      customer: scope.customerId,
      customerUser: scope.customerUserId,
      consumedAt: null,
      expiresAt: { $gt: now },
    },
    { orderBy: { id: "desc" } },
  );
  return token ? { email: token.email, expiresAt: token.expiresAt.toISOString() } : null;
}

/** The scope's billing details and which of them `editable` lets the customer change. */
export async function getPortalProfile(
  em: EntityManager,
  clock: Clock,
  scope: PortalUserScope,
  editable: readonly CustomerEditableField[],
): Promise<PortalProfileDto> {
  const customer = await portalCustomer(em, scope);
  return toPortalProfileDto(customer, editable, await pendingEmailChange(em, scope, clock.now()));
}

/**
 * Changes the given billing details. A field the configuration does not allow refuses the
 * whole change (FORBIDDEN `FIELD_NOT_EDITABLE`), and everything is validated before anything
 * is written. Records `Customer.Updated` (field names, not values: profiles are personal
 * data) and emits `customer.updated`.
 */
export async function updatePortalProfile(
  em: EntityManager,
  clock: Clock,
  actor: PortalUserActor,
  editable: readonly CustomerEditableField[],
  input: PortalProfileChanges,
): Promise<PortalProfileDto> {
  assertEditable(editable, Object.keys(input));
  const changes = normalizeProfileChanges(input);
  const customer = await portalCustomer(em, actor);
  const now = clock.now();
  em.assign(customer, changes);
  queueAuditEvent(em, {
    merchant: actor.merchantId,
    customer,
    ...(await portalAuditActor(em, actor)),
    action: "Customer.Updated",
    targetType: "customer",
    targetId: customer.publicId,
    data: { fields: Object.keys(changes).sort(), via: "portal" },
    at: now,
  });
  await emitEvent(em, {
    merchantId: actor.merchantId,
    type: "customer.updated",
    data: customer,
    occurredAt: now,
  });
  await em.flush();
  return toPortalProfileDto(customer, editable, await pendingEmailChange(em, actor, now));
}
