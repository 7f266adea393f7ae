import { AppError, type Clock } from "@portico/core";
import {
  CustomerUser,
  MerchantUser,
  queueAuditEvent,
  type CustomerUserRole,
  type EntityManager,
  type ICustomerUser,
  type IMerchantUser,
  type MerchantUserRole,
} from "@portico/db";
import { withdrawLinks } from "./invitation-links.js";
import { revokeAllSessions, type RequestInfo } from "./session.js";
import {
  assertMayHandleRoles,
  assertNotSelf,
  consoleActor,
  consoleTarget,
  assertAdminRemains,
  assertOwnerRemains,
  lockTeam,
  portalActor,
  portalTarget,
  type ConsoleTeamScope,
  type PortalTeamScope,
} from "./team-access.js";
import {
  toCustomerMemberDto,
  toMerchantUserDto,
  type CustomerMemberDto,
  type MerchantUserDto,
} from "./team-dto.js";

/**
 * The console's users and a customer account's portal members: list, change a role,
 * remove. A merchant always keeps an active owner and a customer account an active admin
 * (CONFLICT `LAST_OWNER` / `LAST_ADMIN`). Changes run in a transaction that locks the team
 * (team-access.ts), so concurrent demotions cannot both pass that check.
 */

export interface RoleChangeInput<R> extends RequestInfo {
  /** Public id of the user (`mu_…` / `cu_…`). */
  user: string;
  role: R;
}

export interface RemoveInput extends RequestInfo {
  user: string;
}

const userDisabled = () =>
  new AppError("CONFLICT", "USER_DISABLED", "This user was removed; invite them again instead.");

type Change = "Auth.UserRoleChanged" | "Auth.UserRemoved";

function audit(
  em: EntityManager,
  clock: Clock,
  actor: IMerchantUser | ICustomerUser,
  target: IMerchantUser | ICustomerUser,
  request: RequestInfo,
  action: Change,
  data: Record<string, unknown>,
) {
  const portal = "customer" in actor;
  queueAuditEvent(em, {
    merchant: actor.merchant.id,
    customer: portal ? actor.customer.id : null,
    actorType: portal ? "customer_user" : "merchant_user",
    actorId: actor.publicId,
    action,
    targetType: portal ? "customer_user" : "merchant_user",
    targetId: target.publicId,
    ip: request.ip,
    userAgent: request.userAgent,
    data: { email: target.email, ...data },
    at: clock.now(),
  });
}

// --- console --------------------------------------------------------------------------

/** Every console user of the merchant, invited and removed ones included, oldest first. */
export async function listMerchantUsers(
  em: EntityManager,
  scope: ConsoleTeamScope,
): Promise<MerchantUserDto[]> {
  const actor = await consoleActor(em, scope);
  const users = await em.find(
    MerchantUser,
    { merchant: scope.merchantId },
    { orderBy: { createdAt: "asc", id: "asc" } },
  );
  return users.map((user) => toMerchantUserDto(user, actor.id));
}

export async function changeMerchantUserRole(
  em: EntityManager,
  clock: Clock,
  scope: ConsoleTeamScope,
  input: RoleChangeInput<MerchantUserRole>,
): Promise<MerchantUserDto> {
  return em.transactional(async (tx) => {
    await lockTeam(tx, "merchant", scope.merchantId);
    const actor = await consoleActor(tx, scope);
    const target = await consoleTarget(tx, scope, input.user);
    assertNotSelf(actor, target);
    if (target.disabledAt) throw userDisabled();
    assertMayHandleRoles(actor, target.role, input.role);
    if (target.role === input.role) return toMerchantUserDto(target, actor.id);
    await assertOwnerRemains(tx, target);
    audit(tx, clock, actor, target, input, "Auth.UserRoleChanged", { from: target.role, to: input.role });
    target.role = input.role;
    await tx.flush();
    return toMerchantUserDto(target, actor.id);
  });
}

/** Disables a console user and ends its sessions and links at once. */
export async function removeMerchantUser(
  em: EntityManager,
  clock: Clock,
  scope: ConsoleTeamScope,
  input: RemoveInput,
): Promise<MerchantUserDto> {
  return em.transactional(async (tx) => {
    await lockTeam(tx, "merchant", scope.merchantId);
    const actor = await consoleActor(tx, scope);
    const target = await consoleTarget(tx, scope, input.user);
    assertNotSelf(actor, target);
    assertMayHandleRoles(actor, target.role);
    if (target.disabledAt) return toMerchantUserDto(target, actor.id);
    await assertOwnerRemains(tx, target);
    target.disabledAt = clock.now();
    await withdrawLinks(tx, clock, { merchantUser: target.id });
    const sessionsRevoked = await revokeAllSessions(
      tx,
      clock,
      { type: "merchant_user", userId: target.id },
      { actorId: actor.publicId, ip: input.ip ?? null, userAgent: input.userAgent ?? null },
    );
    audit(tx, clock, actor, target, input, "Auth.UserRemoved", { role: target.role, sessionsRevoked });
    await tx.flush();
    return toMerchantUserDto(target, actor.id);
  });
}

// --- portal ---------------------------------------------------------------------------

/** The login users of the caller's customer account; any signed-in user of it may list them. */
export async function listCustomerMembers(
  em: EntityManager,
  scope: PortalTeamScope,
): Promise<CustomerMemberDto[]> {
  const actor = await portalActor(em, scope, { admin: false });
  const users = await em.find(
    CustomerUser,
    { merchant: scope.merchantId, customer: scope.customerId },
    { orderBy: { createdAt: "asc", id: "asc" } },
  );
  return users.map((user) => toCustomerMemberDto(user, actor.id));
}

export async function changeCustomerMemberRole(
  em: EntityManager,
  clock: Clock,
  scope: PortalTeamScope,
  input: RoleChangeInput<CustomerUserRole>,
): Promise<CustomerMemberDto> {
  return em.transactional(async (tx) => {
    await lockTeam(tx, "customer", scope.customerId);
    const actor = await portalActor(tx, scope, { admin: true });
    const target = await portalTarget(tx, scope, input.user);
    assertNotSelf(actor, target);
    if (target.disabledAt) throw userDisabled();
    if (target.role === input.role) return toCustomerMemberDto(target, actor.id);
    await assertAdminRemains(tx, target);
    audit(tx, clock, actor, target, input, "Auth.UserRoleChanged", { from: target.role, to: input.role });
    target.role = input.role;
    await tx.flush();
    return toCustomerMemberDto(target, actor.id);
  });
}

export async function removeCustomerMember(
  em: EntityManager,
  clock: Clock,
  scope: PortalTeamScope,
  input: RemoveInput,
): Promise<CustomerMemberDto> {
  return em.transactional(async (tx) => {
    await lockTeam(tx, "customer", scope.customerId);
    const actor = await portalActor(tx, scope, { admin: true });
    const target = await portalTarget(tx, scope, input.user);
    assertNotSelf(actor, target);
    if (target.disabledAt) return toCustomerMemberDto(target, actor.id);
    await assertAdminRemains(tx, target);
    target.disabledAt = clock.now();
    await withdrawLinks(tx, clock, { customerUser: target.id });
    const sessionsRevoked = await revokeAllSessions(
      tx,
      clock,
      { type: "customer_user", userId: target.id },
      { actorId: actor.publicId, ip: input.ip ?? null, userAgent: input.userAgent ?? null },
    );
    audit(tx, clock, actor, target, input, "Auth.UserRemoved", { role: target.role, sessionsRevoked });
    await tx.flush();
    return toCustomerMemberDto(target, actor.id);
  });
}
