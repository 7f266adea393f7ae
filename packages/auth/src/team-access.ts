import { AppError } from "@portico/core";
import {
  CustomerUser,
  MerchantUser,
  type EntityManager,
  type ICustomerUser,
  type IMerchantUser,
  type MerchantUserRole,
} from "@portico/db";
import { customerUserStatus, merchantUserStatus } from "./team-dto.js";

/**
 * Who may manage a team, and the rows they may touch. Console: owners and admins of the
 * merchant, and only owners grant, revoke or remove the owner role. Portal: the admins of
 * the customer account, acting as themselves (a portal link or a customer token has no
 * login user). A user of another merchant or customer is NOT_FOUND, as an unknown one.
 */

/** The signed-in console user (from `merchantScope`). */
export interface ConsoleTeamScope {
  merchantId: number;
  merchantUserId: number;
}

/** The portal caller (from the customer scope); `customerUserId` is null without a login user. */
export interface PortalTeamScope {
  merchantId: number;
  customerId: number;
  customerUserId: number | null;
}

/**
 * Rows are read afresh, not from the identity map: the request's fork may already hold them
 * from before the team lock (the session middleware loads the caller).
 */
const FRESH = { refresh: true } as const;

const sessionRequired = () => new AppError("UNAUTHORIZED", "SESSION_REQUIRED", "Sign in first.");

const userNotFound = () => new AppError("NOT_FOUND", "USER_NOT_FOUND", "No such user.");

/** The console user acting, reloaded so a role changed since sign-in counts. */
export async function consoleActor(em: EntityManager, scope: ConsoleTeamScope): Promise<IMerchantUser> {
  const actor = await em.findOne(
    MerchantUser,
    { id: scope.merchantUserId, merchant: scope.merchantId, disabledAt: null },
    FRESH,
  );
  if (!actor || merchantUserStatus(actor) !== "active") throw sessionRequired();
  if (actor.role === "support") {
    throw new AppError("FORBIDDEN", "ROLE_NOT_ALLOWED", "Your role does not allow this.", {
      details: { allowed: ["owner", "admin"] },
    });
  }
  return actor;
}

/** The portal user acting; with `admin`, only an admin of the customer account. */
export async function portalActor(
  em: EntityManager,
  scope: PortalTeamScope,
  options: { admin: boolean },
): Promise<ICustomerUser> {
  if (scope.customerUserId === null) {
    throw new AppError(
      "FORBIDDEN",
      "USER_SESSION_REQUIRED",
      "Sign in with your own account to manage the members.",
    );
  }
  const actor = await em.findOne(
    CustomerUser,
    { id: scope.customerUserId, customer: scope.customerId, disabledAt: null },
    FRESH,
  );
  if (!actor) throw sessionRequired();
  if (options.admin && actor.role !== "admin") {
    throw new AppError(
      "FORBIDDEN",
      "CUSTOMER_ADMIN_REQUIRED",
      "Only an admin of the account can manage its members.",
    );
  }
  return actor;
}

export async function consoleTarget(
  em: EntityManager,
  scope: ConsoleTeamScope,
  publicId: string,
): Promise<IMerchantUser> {
  const user = await em.findOne(MerchantUser, { publicId, merchant: scope.merchantId }, FRESH);
  if (!user) throw userNotFound();
  return user;
}

export async function portalTarget(
  em: EntityManager,
  scope: PortalTeamScope,
  publicId: string,
): Promise<ICustomerUser> {
  const user = await em.findOne(
    CustomerUser,
    { publicId, merchant: scope.merchantId, customer: scope.customerId },
    FRESH,
  );
  if (!user) throw userNotFound();
  return user;
}

/** FORBIDDEN `OWNER_REQUIRED` when an owner role is at stake and the actor is not an owner. */
export function assertMayHandleRoles(actor: IMerchantUser, ...roles: MerchantUserRole[]): void {
  if (roles.includes("owner") && actor.role !== "owner") {
    throw new AppError("FORBIDDEN", "OWNER_REQUIRED", "Only an owner can grant, change or remove an owner.");
  }
}

/** Nobody changes their own role or removes themselves (another manager must). */
export function assertNotSelf(actor: { id: number }, target: { id: number }): void {
  if (actor.id === target.id) {
    throw new AppError(
      "FORBIDDEN",
      "SELF_NOT_ALLOWED",
      "You cannot change your own role or remove yourself.",
    );
  }
}

export function assertPending(status: string): void {
  if (status !== "invited") {
    throw new AppError("CONFLICT", "INVITATION_NOT_PENDING", "This user has no pending invitation.");
  }
}

/**
 * Serialises role changes and removals within one team: the merchant (customer) row is
 * locked for the transaction, so two managers demoting each other at once cannot both pass
 * the "another owner remains" check. Call inside `em.transactional`.
 */
export async function lockTeam(em: EntityManager, team: "merchant" | "customer", id: number): Promise<void> {
  await em.execute(`select "id" from "${team}" where "id" = ? for update`, [id]);
}

/**
 * CONFLICT `LAST_OWNER` when demoting or removing `target` would leave its merchant without
 * an active owner (invited and disabled owners do not count). While managers may not act on
 * themselves and the lock re-reads the actor, another owner always remains; this check keeps
 * the rule from resting on that reasoning alone.
 */
export async function assertOwnerRemains(em: EntityManager, target: IMerchantUser): Promise<void> {
  if (target.role !== "owner" || merchantUserStatus(target) !== "active") return;
  const owners = await em.find(
    MerchantUser,
    { merchant: target.merchant.id, role: "owner", disabledAt: null, id: { $ne: target.id } },
    FRESH,
  );
  if (!owners.some((u) => merchantUserStatus(u) === "active")) {
    throw new AppError("CONFLICT", "LAST_OWNER", "The merchant must keep at least one active owner.");
  }
}

/** CONFLICT `LAST_ADMIN`: the same rule for the admins of a customer account. */
export async function assertAdminRemains(em: EntityManager, target: ICustomerUser): Promise<void> {
  if (target.role !== "admin" || customerUserStatus(target) !== "active") return;
  const admins = await em.find(
    CustomerUser,
    { customer: target.customer.id, role: "admin", disabledAt: null, id: { $ne: target.id } },
    FRESH,
  );
  if (!admins.some((u) => customerUserStatus(u) === "active")) {
    throw new AppError("CONFLICT", "LAST_ADMIN", "The account must keep at least one active admin.");
  }
}
