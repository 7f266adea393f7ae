import type { CustomerUserRole, ICustomerUser, IMerchantUser, MerchantUserRole } from "@portico/db";

/** Where a login user stands: signed-up, awaiting acceptance of an invitation, or removed. */
export type TeamUserStatus = "active" | "invited" | "disabled";

/** A console user invited but not yet accepted has no password (it chooses one on accepting). */
export function merchantUserStatus(user: Pick<IMerchantUser, "disabledAt" | "passwordHash">): TeamUserStatus {
  if (user.disabledAt) return "disabled";
  return user.passwordHash == null ? "invited" : "active";
}

/**
 * A portal user is pending from its invitation until it proves its e-mail by accepting.
 * (A null password alone does not say it: users created for e-mailed codes have none.)
 */
export function customerUserStatus(
  user: Pick<ICustomerUser, "disabledAt" | "invitedAt" | "emailVerifiedAt">,
): TeamUserStatus {
  if (user.disabledAt) return "disabled";
  return user.invitedAt && !user.emailVerifiedAt ? "invited" : "active";
}

/** A row of the console's "Users & invites" table. */
export interface MerchantUserDto {
  id: string;
  email: string;
  name: string;
  role: MerchantUserRole;
  status: TeamUserStatus;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  invitedAt: string | null;
  /** The row of the caller, who cannot change their own role or remove themselves. */
  isSelf: boolean;
}

export function toMerchantUserDto(user: IMerchantUser, actorId: number): MerchantUserDto {
  return {
    id: user.publicId,
    email: user.email,
    name: user.name,
    role: user.role,
    status: merchantUserStatus(user),
    mfaEnabled: user.mfaEnabledAt != null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    invitedAt: user.invitedAt?.toISOString() ?? null,
    isSelf: user.id === actorId,
  };
}

/** A row of the portal's "Members" list. */
export interface CustomerMemberDto {
  id: string;
  email: string;
  name: string | null;
  role: CustomerUserRole;
  status: TeamUserStatus;
  lastLoginAt: string | null;
  invitedAt: string | null;
  isSelf: boolean;
}

export function toCustomerMemberDto(user: ICustomerUser, actorId: number): CustomerMemberDto {
  return {
    id: user.publicId,
    email: user.email,
    name: user.name ?? null,
    role: user.role,
    status: customerUserStatus(user),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    invitedAt: user.invitedAt?.toISOString() ?? null,
    isSelf: user.id === actorId,
  };
}

/** What the console's invitation landing shows before the invitee sets a password. */
export interface ConsoleInvitationDto {
  email: string;
  name: string;
  role: MerchantUserRole;
  merchantName: string;
}

/** What the portal's invitation (or registration) landing shows. */
export interface PortalInvitationDto {
  email: string;
  name: string | null;
  role: CustomerUserRole;
  customerName: string;
  merchantName: string;
  /** `registration`: a self-registration link (e-mail proven, no login yet). */
  kind: "invitation" | "registration";
}
