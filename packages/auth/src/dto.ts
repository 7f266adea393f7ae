import {
  AuthSession,
  Customer,
  CustomerUser,
  Merchant,
  MerchantUser,
  type EntityManager,
  type IAuthSession,
  type PortalFlow,
} from "@portico/db";
import type { CustomerLoginResult, MerchantLoginResult } from "./login.js";
import { linkReturnUrl } from "./portal-link-session.js";

/** A session as its owner sees it in "your sessions": public id, device, place, times. */
export interface SessionDto {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
}

export function toSessionDto(session: IAuthSession, currentSessionId: string | null): SessionDto {
  return {
    id: session.publicId,
    current: session.id === currentSessionId,
    ip: session.ip ?? null,
    userAgent: session.userAgent ?? null,
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastActiveAt.toISOString(),
    expiresAt: earliest(session.idleExpiresAt, session.absoluteExpiresAt).toISOString(),
  };
}

const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/** Who is signed in to the portal. */
export interface PortalIdentityDto {
  customer: { id: string; name: string };
  user: { id: string; email: string; name: string | null; role: "admin" | "member" } | null;
  /** Null for a customer-token caller, which has no session. */
  session: { id: string; mfaVerified: boolean; expiresAt: string } | null;
  /** "Back to <merchant>": the portal link's returnUrl; null for password and token sign-ins. */
  returnUrl: string | null;
  /** The task the portal link was opened for (cancel, update, pay…); null otherwise. */
  flow: PortalFlow | null;
}

/** Who is signed in to the console. */
export interface ConsoleIdentityDto {
  merchant: { id: string; slug: string; name: string };
  user: { id: string; email: string; name: string; role: "owner" | "admin" | "support"; mfaEnabled: boolean };
  session: { id: string; mfaVerified: boolean; expiresAt: string };
}

const sessionPart = (session: IAuthSession) => ({
  id: session.publicId,
  mfaVerified: session.mfaVerified,
  expiresAt: earliest(session.idleExpiresAt, session.absoluteExpiresAt).toISOString(),
});

/** What a portal identity is read from: the scope the procedure builder resolved. */
export interface PortalIdentityScope {
  customerId: number;
  customerUserId: number | null;
  sessionId: string | null;
}

/** The identity of a portal scope: always the scope's own customer, never another. */
export async function getPortalIdentity(
  em: EntityManager,
  scope: PortalIdentityScope,
): Promise<PortalIdentityDto> {
  const customer = await em.findOneOrFail(Customer, scope.customerId);
  const user =
    scope.customerUserId === null ? null : await em.findOneOrFail(CustomerUser, scope.customerUserId);
  const session =
    scope.sessionId === null
      ? null
      : await em.findOneOrFail(AuthSession, scope.sessionId, {
          populate: ["portalSession.configuration"],
        });
  const link = session?.portalSession?.getEntity() ?? null;
  return {
    customer: { id: customer.publicId, name: customer.name },
    user: user && { id: user.publicId, email: user.email, name: user.name ?? null, role: user.role },
    session: session && sessionPart(session),
    returnUrl: link && linkReturnUrl(link),
    flow: link?.flow ?? null,
  };
}

/** The identity of a console session (also while it still owes MFA). */
export async function getConsoleIdentity(em: EntityManager, sessionId: string): Promise<ConsoleIdentityDto> {
  const session = await em.findOneOrFail(AuthSession, sessionId);
  const user = await em.findOneOrFail(MerchantUser, session.merchantUser!.id);
  const merchant = await em.findOneOrFail(Merchant, session.merchant.id);
  return {
    merchant: { id: merchant.publicId, slug: merchant.slug, name: merchant.name },
    user: {
      id: user.publicId,
      email: user.email,
      name: user.name,
      role: user.role,
      mfaEnabled: user.mfaEnabledAt !== null,
    },
    session: sessionPart(session),
  };
}

/** Answer of a successful portal login (the token travels in the cookie only). */
export interface PortalLoginDto extends PortalIdentityDto {
  mfaRequired: boolean;
}

export function toPortalLoginDto(result: CustomerLoginResult): PortalLoginDto {
  const { user, customer, session } = result;
  return {
    customer: { id: customer.publicId, name: customer.name },
    user: { id: user.publicId, email: user.email, name: user.name ?? null, role: user.role },
    session: sessionPart(session),
    returnUrl: null,
    flow: null,
    mfaRequired: result.mfaRequired,
  };
}

export interface ConsoleLoginDto extends ConsoleIdentityDto {
  mfaRequired: boolean;
  mfaEnrollmentRequired: boolean;
}

export function toConsoleLoginDto(result: MerchantLoginResult): ConsoleLoginDto {
  const { user, merchant, session } = result;
  return {
    merchant: { id: merchant.publicId, slug: merchant.slug, name: merchant.name },
    user: {
      id: user.publicId,
      email: user.email,
      name: user.name,
      role: user.role,
      mfaEnabled: user.mfaEnabledAt !== null,
    },
    session: sessionPart(session),
    mfaRequired: result.mfaRequired,
    mfaEnrollmentRequired: result.mfaEnrollmentRequired,
  };
}
