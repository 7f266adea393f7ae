import { AppError, sendTemplate, type Clock } from "@portico/core";
import {
  Customer,
  CustomerUser,
  Merchant,
  MerchantUser,
  RecoveryCode,
  queueAuditEvent,
  type CustomerUserRole,
  type EntityManager,
  type ICustomerUser,
  type IMerchantUser,
  type MerchantUserRole,
} from "@portico/db";
import {
  invitationUrl,
  INVITATION_DAYS,
  isUniqueViolation,
  queueLink,
  withdrawLinks,
  type LinkDelivery,
} from "./invitation-links.js";
import { normalizeEmail } from "./login.js";
import type { RequestInfo } from "./session.js";
import {
  assertMayHandleRoles,
  assertPending,
  consoleActor,
  consoleTarget,
  portalActor,
  portalTarget,
  type ConsoleTeamScope,
  type PortalTeamScope,
} from "./team-access.js";
import {
  customerUserStatus,
  merchantUserStatus,
  toCustomerMemberDto,
  toMerchantUserDto,
  type CustomerMemberDto,
  type MerchantUserDto,
} from "./team-dto.js";

/**
 * Invitations to the console (merchant users) and to a customer account (portal members).
 * An invitee is a user row without a password (console) or with an unproven e-mail
 * (portal): it cannot sign in, ask for a code or a reset link until it accepts the
 * e-mailed link (invitation-accept.ts). Inviting again, or resending, replaces the link;
 * revoking ends it. A removed (disabled) user may be invited again and starts afresh.
 */

export interface InviteInput<R> extends LinkDelivery {
  email: string;
  name?: string | undefined;
  role: R;
}

export interface InvitationRefInput extends RequestInfo {
  /** Public id of the invited user (`mu_…` / `cu_…`). */
  user: string;
}

/** Resending e-mails a new link. */
export type ResendInvitationInput = InvitationRefInput & LinkDelivery;

const userExists = () => new AppError("CONFLICT", "USER_EXISTS", "A user with this e-mail already exists.");

const INVITATION_HOURS = INVITATION_DAYS * 24;

/** Two managers inviting one e-mail at once: the unique (team, e-mail) index refuses the second. */
async function flushInvitee(em: EntityManager): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (isUniqueViolation(error)) throw userExists();
    throw error;
  }
}

/** A removed user invited again starts afresh: no password, second factor or proven e-mail. */
function restartAsInvitee(user: IMerchantUser | ICustomerUser): void {
  user.passwordHash = null;
  user.passwordChangedAt = null;
  user.totpSecret = null;
  user.totpLastUsedStep = null;
  user.mfaEnabledAt = null;
  user.emailVerifiedAt = null;
  user.failedLoginCount = 0;
  user.lockedUntil = null;
  user.disabledAt = null;
}

type Audit = "Auth.UserInvited" | "Auth.InvitationRevoked";

function auditConsole(
  em: EntityManager,
  clock: Clock,
  actor: IMerchantUser,
  target: IMerchantUser,
  request: RequestInfo,
  action: Audit,
  data: Record<string, unknown>,
) {
  queueAuditEvent(em, {
    merchant: actor.merchant.id,
    actorType: "merchant_user",
    actorId: actor.publicId,
    action,
    targetType: "merchant_user",
    targetId: target.publicId,
    ip: request.ip,
    userAgent: request.userAgent,
    data: { email: target.email, role: target.role, ...data },
    at: clock.now(),
  });
}

function auditPortal(
  em: EntityManager,
  clock: Clock,
  actor: ICustomerUser,
  target: ICustomerUser,
  request: RequestInfo,
  action: Audit,
  data: Record<string, unknown>,
) {
  queueAuditEvent(em, {
    merchant: actor.merchant.id,
    customer: actor.customer.id,
    actorType: "customer_user",
    actorId: actor.publicId,
    action,
    targetType: "customer_user",
    targetId: target.publicId,
    ip: request.ip,
    userAgent: request.userAgent,
    data: { email: target.email, role: target.role, ...data },
    at: clock.now(),
  });
}

// --- console --------------------------------------------------------------------------

/** Issues a console invitation link for `user` (saved with it) and e-mails it. */
async function sendConsoleInvitation(
  em: EntityManager,
  clock: Clock,
  actor: IMerchantUser,
  user: IMerchantUser,
  request: LinkDelivery,
  data: Record<string, unknown>,
): Promise<void> {
  const now = clock.now();
  if (user.id) await withdrawLinks(em, clock, { merchantUser: user.id });
  user.invitedAt = now;
  user.invitedBy = em.getReference(MerchantUser, actor.id, { wrapped: true });
  const secret = queueLink(em, {
    purpose: "invitation",
    subjectType: "merchant_user",
    merchantId: actor.merchant.id,
    merchantUser: user,
    email: user.email,
    ip: request.ip,
    now,
    lifetimeHours: INVITATION_HOURS,
  });
  // Flushed first: a new user gets its public id on insert, and the event names it.
  await flushInvitee(em);
  auditConsole(em, clock, actor, user, request, "Auth.UserInvited", data);
  await em.flush();
  const merchant = await em.findOneOrFail(Merchant, actor.merchant.id);
  await sendTemplate(em, request.mailer, {
    merchant: { merchantName: merchant.name },
    to: user.email,
    template: "invite",
    data: {
      surface: "console",
      inviteUrl: invitationUrl(request.publicUrl, "console", secret),
      inviterName: actor.name,
      role: user.role,
      expiresInHours: INVITATION_HOURS,
    },
    merchantId: merchant.id,
  });
}

/**
 * Invites (or invites again) a console user. Only owners invite owners; an e-mail that
 * already signs in to this merchant is CONFLICT `USER_EXISTS`.
 */
export async function inviteMerchantUser(
  em: EntityManager,
  clock: Clock,
  scope: ConsoleTeamScope,
  input: InviteInput<MerchantUserRole>,
): Promise<MerchantUserDto> {
  const actor = await consoleActor(em, scope);
  assertMayHandleRoles(actor, input.role);
  const email = normalizeEmail(input.email);
  let user = await em.findOne(MerchantUser, { merchant: scope.merchantId, email });
  const status = user ? merchantUserStatus(user) : null;
  if (status === "active") throw userExists();
  if (user) {
    // Replacing a pending owner invitation is an owner's call too.
    if (status === "invited") assertMayHandleRoles(actor, user.role);
    if (status === "disabled") {
      restartAsInvitee(user);
      await em.nativeDelete(RecoveryCode, { merchantUser: user.id });
    }
    user.role = input.role;
    if (input.name !== undefined) user.name = input.name;
  } else {
    user = em.create(MerchantUser, {
      merchant: scope.merchantId,
      email,
      // Until the invitee chooses their own name on accepting.
      name: input.name ?? email.slice(0, email.indexOf("@")),
      role: input.role,
      passwordHash: null,
    });
  }
  await sendConsoleInvitation(em, clock, actor, user, input, { previousStatus: status });
  return toMerchantUserDto(user, actor.id);
}

/** A fresh link (7 days again) for a pending console invitation; the old link stops working. */
export async function resendMerchantInvitation(
  em: EntityManager,
  clock: Clock,
  scope: ConsoleTeamScope,
  input: ResendInvitationInput,
): Promise<MerchantUserDto> {
  const actor = await consoleActor(em, scope);
  const user = await consoleTarget(em, scope, input.user);
  assertPending(merchantUserStatus(user));
  assertMayHandleRoles(actor, user.role);
  await sendConsoleInvitation(em, clock, actor, user, input, { resent: true });
  return toMerchantUserDto(user, actor.id);
}

/**
 * Withdraws a pending console invitation: its links stop working; a user that never
 * signed in is deleted, one that had (a removed user invited again) stays disabled.
 */
export async function revokeMerchantInvitation(
  em: EntityManager,
  clock: Clock,
  scope: ConsoleTeamScope,
  input: InvitationRefInput,
): Promise<{ ok: true }> {
  const actor = await consoleActor(em, scope);
  const user = await consoleTarget(em, scope, input.user);
  assertPending(merchantUserStatus(user));
  assertMayHandleRoles(actor, user.role);
  await withdrawLinks(em, clock, { merchantUser: user.id });
  const deleted = user.lastLoginAt === null;
  auditConsole(em, clock, actor, user, input, "Auth.InvitationRevoked", { deleted });
  if (deleted) em.remove(user);
  else user.disabledAt = clock.now();
  await em.flush();
  return { ok: true };
}

// --- portal ---------------------------------------------------------------------------

async function sendPortalInvitation(
  em: EntityManager,
  clock: Clock,
  actor: ICustomerUser,
  user: ICustomerUser,
  request: LinkDelivery,
  data: Record<string, unknown>,
): Promise<void> {
  const now = clock.now();
  if (user.id) await withdrawLinks(em, clock, { customerUser: user.id });
  user.invitedAt = now;
  user.invitedBy = em.getReference(CustomerUser, actor.id, { wrapped: true });
  const secret = queueLink(em, {
    purpose: "invitation",
    subjectType: "customer_user",
    merchantId: actor.merchant.id,
    customerUser: user,
    customerId: actor.customer.id,
    email: user.email,
    ip: request.ip,
    now,
    lifetimeHours: INVITATION_HOURS,
  });
  // Flushed first: a new user gets its public id on insert, and the event names it.
  await flushInvitee(em);
  auditPortal(em, clock, actor, user, request, "Auth.UserInvited", data);
  await em.flush();
  const merchant = await em.findOneOrFail(Merchant, actor.merchant.id);
  const customer = await em.findOneOrFail(Customer, actor.customer.id);
  await sendTemplate(em, request.mailer, {
    merchant: { merchantName: merchant.name },
    to: user.email,
    template: "invite",
    data: {
      surface: "portal",
      inviteUrl: invitationUrl(request.publicUrl, "portal", secret),
      inviterName: actor.name ?? actor.email,
      role: user.role,
      accountName: customer.name,
      expiresInHours: INVITATION_HOURS,
    },
    merchantId: merchant.id,
    customerId: customer.id,
  });
}

/** An admin of the customer account invites (or invites again) a member or another admin. */
export async function inviteCustomerMember(
  em: EntityManager,
  clock: Clock,
  scope: PortalTeamScope,
  input: InviteInput<CustomerUserRole>,
): Promise<CustomerMemberDto> {
  const actor = await portalActor(em, scope, { admin: true });
  const email = normalizeEmail(input.email);
  let user = await em.findOne(CustomerUser, { customer: scope.customerId, email });
  const status = user ? customerUserStatus(user) : null;
  if (status === "active") throw userExists();
  if (user) {
    if (status === "disabled") {
      restartAsInvitee(user);
      await em.nativeDelete(RecoveryCode, { customerUser: user.id });
    }
    user.role = input.role;
    if (input.name !== undefined) user.name = input.name;
  } else {
    user = em.create(CustomerUser, {
      merchant: scope.merchantId,
      customer: scope.customerId,
      email,
      name: input.name ?? null,
      role: input.role,
      passwordHash: null,
    });
  }
  await sendPortalInvitation(em, clock, actor, user, input, { previousStatus: status });
  return toCustomerMemberDto(user, actor.id);
}

export async function resendCustomerInvitation(
  em: EntityManager,
  clock: Clock,
  scope: PortalTeamScope,
  input: ResendInvitationInput,
): Promise<CustomerMemberDto> {
  const actor = await portalActor(em, scope, { admin: true });
  const user = await portalTarget(em, scope, input.user);
  assertPending(customerUserStatus(user));
  await sendPortalInvitation(em, clock, actor, user, input, { resent: true });
  return toCustomerMemberDto(user, actor.id);
}

export async function revokeCustomerInvitation(
  em: EntityManager,
  clock: Clock,
  scope: PortalTeamScope,
  input: InvitationRefInput,
): Promise<{ ok: true }> {
  const actor = await portalActor(em, scope, { admin: true });
  const user = await portalTarget(em, scope, input.user);
  assertPending(customerUserStatus(user));
  await withdrawLinks(em, clock, { customerUser: user.id });
  const deleted = user.lastLoginAt === null;
  auditPortal(em, clock, actor, user, input, "Auth.InvitationRevoked", { deleted });
  if (deleted) em.remove(user);
  else user.disabledAt = clock.now();
  await em.flush();
  return { ok: true };
}
