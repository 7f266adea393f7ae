import { AppError, findDefaultPortalConfiguration, isRegistrationEnabled, type Clock } from "@portico/core";
import {
  Customer,
  CustomerUser,
  Merchant,
  MerchantUser,
  OneTimeToken,
  queueAuditEvent,
  type CustomerUserRole,
  type EntityManager,
  type ICustomer,
  type ICustomerUser,
  type IMerchantUser,
  type IOneTimeToken,
} from "@portico/db";
import {
  findLiveLink,
  invitationInvalid,
  isUniqueViolation,
  spendLink,
  withdrawLinks,
} from "./invitation-links.js";
import { openSession, type CustomerLoginResult, type MerchantLoginResult } from "./login.js";
import { hashPassword } from "./password.js";
import { checkPasswordPolicy } from "./password-reset.js";
import type { RequestInfo } from "./session.js";
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from "./settings.js";
import {
  customerUserStatus,
  merchantUserStatus,
  type ConsoleInvitationDto,
  type PortalInvitationDto,
} from "./team-dto.js";

/**
 * The landing of an e-mailed invitation or registration link: what it offers (read without
 * spending it), then accepting it once: the invitee chooses a name and a password (the
 * reset policy), the e-mail counts as verified, and a session starts as after a login.
 * An owner still owes MFA enrolment then, as at any first sign-in.
 */

export interface AcceptInvitationInput extends RequestInfo {
  secret: string;
  name: string;
  password: string;
  settings?: AuthSettings;
}

export const registrationDisabled = () =>
  new AppError("FORBIDDEN", "FEATURE_DISABLED", "Self-registration is not enabled for this portal.");

// --- console --------------------------------------------------------------------------

async function liveConsoleInvitation(em: EntityManager, clock: Clock, secret: string) {
  const token = await findLiveLink(em, clock, secret, "merchant_user", ["invitation"]);
  const user = token?.merchantUser ? await em.findOne(MerchantUser, { id: token.merchantUser.id }) : null;
  if (!token || !user || merchantUserStatus(user) !== "invited") throw invitationInvalid();
  return { token, user };
}

export async function describeConsoleInvitation(
  em: EntityManager,
  clock: Clock,
  secret: string,
): Promise<ConsoleInvitationDto> {
  const { user } = await liveConsoleInvitation(em, clock, secret);
  const merchant = await em.findOneOrFail(Merchant, user.merchant.id);
  return { email: user.email, name: user.name, role: user.role, merchantName: merchant.name };
}

function activate(user: IMerchantUser | ICustomerUser, name: string, passwordHash: string, now: Date) {
  user.name = name;
  user.passwordHash = passwordHash;
  user.passwordChangedAt = now;
  user.emailVerifiedAt = now;
  user.failedLoginCount = 0;
  user.lockedUntil = null;
}

/** Spends a console invitation: password set, user active, console session opened. */
export async function acceptConsoleInvitation(
  em: EntityManager,
  clock: Clock,
  input: AcceptInvitationInput,
): Promise<MerchantLoginResult> {
  checkPasswordPolicy(input.password);
  const { token, user } = await liveConsoleInvitation(em, clock, input.secret);
  const passwordHash = await hashPassword(input.password);
  // Of two parallel accepts, the one whose UPDATE spends the link goes on; the other stops.
  if (!(await spendLink(em, clock, token))) throw invitationInvalid();
  const now = clock.now();
  activate(user, input.name, passwordHash, now);
  queueAuditEvent(em, {
    merchant: user.merchant.id,
    actorType: "merchant_user",
    actorId: user.publicId,
    action: "Auth.InvitationAccepted",
    targetType: "merchant_user",
    targetId: user.publicId,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { email: user.email, role: user.role },
    at: now,
  });
  await em.flush();
  await withdrawLinks(em, clock, { merchantUser: user.id });
  const mfaEnrollmentRequired = user.role === "owner" && user.mfaEnabledAt === null;
  const session = await openSession(em, clock, {
    table: "merchant_user",
    subject: { type: "merchant_user", userId: user.id },
    user,
    merchantId: user.merchant.id,
    mfaVerified: !mfaEnrollmentRequired,
    request: input,
    settings: input.settings ?? DEFAULT_AUTH_SETTINGS,
    method: "invitation",
  });
  const merchant = await em.findOneOrFail(Merchant, user.merchant.id);
  return { ...session, user, merchant, mfaRequired: false, mfaEnrollmentRequired };
}

// --- portal ---------------------------------------------------------------------------

interface LivePortalLink {
  kind: PortalInvitationDto["kind"];
  token: IOneTimeToken;
  customer: ICustomer;
  /** The invited user; null for a registration (the user is created on accepting). */
  user: ICustomerUser | null;
  role: CustomerUserRole;
}

/**
 * A live portal invitation (a pending user) or registration link (no user with that e-mail
 * on the customer yet, registration still enabled). The first login user of a customer
 * account becomes its admin, later ones members.
 */
async function livePortalLink(em: EntityManager, clock: Clock, secret: string): Promise<LivePortalLink> {
  const token = await findLiveLink(em, clock, secret, "customer_user", ["invitation", "email_verification"]);
  const customer = token?.customer
    ? await em.findOne(Customer, { id: token.customer.id, deletedAt: null })
    : null;
  if (!token || !customer) throw invitationInvalid();
  if (token.purpose === "invitation") {
    const user = token.customerUser
      ? await em.findOne(CustomerUser, { id: token.customerUser.id, customer })
      : null;
    if (!user || customerUserStatus(user) !== "invited") throw invitationInvalid();
    return { kind: "invitation", token, customer, user, role: user.role };
  }
  const configuration = await findDefaultPortalConfiguration(em, customer.merchant.id);
  if (!isRegistrationEnabled(configuration)) throw registrationDisabled();
  if (await em.count(CustomerUser, { customer, email: token.email })) throw invitationInvalid();
  const others = await em.count(CustomerUser, { customer, disabledAt: null });
  return { kind: "registration", token, customer, user: null, role: others === 0 ? "admin" : "member" };
}

export async function describePortalInvitation(
  em: EntityManager,
  clock: Clock,
  secret: string,
): Promise<PortalInvitationDto> {
  const link = await livePortalLink(em, clock, secret);
  const merchant = await em.findOneOrFail(Merchant, link.customer.merchant.id);
  return {
    email: link.token.email,
    name: link.user?.name ?? null,
    role: link.role,
    customerName: link.customer.name,
    merchantName: merchant.name,
    kind: link.kind,
  };
}

/** Spends a portal invitation or registration link: the user is active and signed in. */
export async function acceptPortalInvitation(
  em: EntityManager,
  clock: Clock,
  input: AcceptInvitationInput,
): Promise<CustomerLoginResult> {
  checkPasswordPolicy(input.password);
  const link = await livePortalLink(em, clock, input.secret);
  const passwordHash = await hashPassword(input.password);
  if (!(await spendLink(em, clock, link.token))) throw invitationInvalid();
  const now = clock.now();
  const { customer } = link;
  const user =
    link.user ??
    em.create(CustomerUser, {
      merchant: customer.merchant.id,
      customer,
      email: link.token.email,
      role: link.role,
    });
  activate(user, input.name, passwordHash, now);
  try {
    await em.flush();
  } catch (error) {
    // Someone was invited with this e-mail since the link was sent.
    if (isUniqueViolation(error)) throw invitationInvalid();
    throw error;
  }
  // After the flush: a registered user gets its public id on insert.
  queueAuditEvent(em, {
    merchant: customer.merchant.id,
    customer: customer.id,
    actorType: "customer_user",
    actorId: user.publicId,
    action: link.kind === "invitation" ? "Auth.InvitationAccepted" : "Auth.Registered",
    targetType: "customer_user",
    targetId: user.publicId,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { email: user.email, role: user.role },
    at: now,
  });
  await em.flush();
  await withdrawLinks(em, clock, { customerUser: user.id });
  // Other registration links of this e-mail for this customer are moot now.
  await em.nativeUpdate(
    OneTimeToken,
    { purpose: "email_verification", customer, email: user.email, consumedAt: null },
    { consumedAt: now },
  );
  const mfaRequired = user.mfaEnabledAt != null;
  const session = await openSession(em, clock, {
    table: "customer_user",
    subject: { type: "customer_user", userId: user.id },
    user,
    merchantId: customer.merchant.id,
    customerId: customer.id,
    mfaVerified: !mfaRequired,
    request: input,
    settings: input.settings ?? DEFAULT_AUTH_SETTINGS,
    method: link.kind,
  });
  const merchant = await em.findOneOrFail(Merchant, customer.merchant.id);
  return { ...session, user, merchant, customer, mfaRequired, mfaEnrollmentRequired: false };
}
