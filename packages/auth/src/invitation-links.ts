import { AppError, type Clock, type Mailer } from "@portico/core";
import {
  OneTimeToken,
  type EntityManager,
  type ICustomerUser,
  type IMerchantUser,
  type IOneTimeToken,
  type OneTimeTokenPurpose,
  type OneTimeTokenSubjectType,
} from "@portico/db";
import { randomToken, RANDOM_TOKEN_PATTERN } from "./random-token.js";
import type { RequestInfo } from "./session.js";
import { hashSecret } from "./secret-hash.js";

/**
 * E-mailed single-use links of invitations and self-registration, built like reset links
 * (password-reset.ts): 160 random bits in the URL, only their SHA-256 stored, spent by one
 * conditional UPDATE so that of two parallel uses exactly one wins.
 */

export const INVITATION_DAYS = 7;
export const REGISTRATION_HOURS = 24;
const HOUR_MS = 60 * 60_000;

/** The one answer for an unknown, used, expired or withdrawn link. */
export const invitationInvalid = () =>
  new AppError("NOT_FOUND", "INVITATION_INVALID", "This invitation is invalid, used or expired.");

/** `${publicUrl}/<surface>/invite/<secret>`: the SPA's invitation (and registration) landing. */
export function invitationUrl(publicUrl: string, surface: "console" | "portal", secret: string): string {
  return `${publicUrl}/${surface}/invite/${secret}`;
}

/** What invitation and registration flows need to send their e-mail. */
export interface LinkDelivery extends RequestInfo {
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  /** Queues the e-mail (core's mailer): no SMTP exchange happens in the request. */
  mailer: Mailer;
}

export interface NewLink {
  purpose: Extract<OneTimeTokenPurpose, "invitation" | "email_verification">;
  subjectType: OneTimeTokenSubjectType;
  merchantId: number;
  merchantUser?: IMerchantUser;
  customerUser?: ICustomerUser;
  customerId?: number;
  email: string;
  ip?: string | null | undefined;
  now: Date;
  lifetimeHours: number;
}

/** Queues the token row (flushed by the caller) and returns the secret for the e-mail. */
export function queueLink(em: EntityManager, link: NewLink): string {
  const secret = randomToken();
  em.create(OneTimeToken, {
    purpose: link.purpose,
    subjectType: link.subjectType,
    merchant: link.merchantId,
    merchantUser: link.merchantUser ?? null,
    customerUser: link.customerUser ?? null,
    customer: link.customerId ?? null,
    email: link.email,
    tokenHash: hashSecret(secret),
    ip: link.ip?.slice(0, 64) ?? null,
    expiresAt: new Date(link.now.getTime() + link.lifetimeHours * HOUR_MS),
  });
  return secret;
}

/** A flush refused by a unique index (two requests creating one team e-mail at once). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && error.name === "UniqueConstraintViolationException";
}

/** Ends every open link and code of a user: a new invitation replaces the old, removal ends all. */
export async function withdrawLinks(
  em: EntityManager,
  clock: Clock,
  owner: { merchantUser: number } | { customerUser: number },
): Promise<void> {
  await em.nativeUpdate(OneTimeToken, { ...owner, consumedAt: null }, { consumedAt: clock.now() });
}

/** The live link a secret names, or null; malformed secrets never reach the database. */
export async function findLiveLink(
  em: EntityManager,
  clock: Clock,
  secret: string,
  subjectType: OneTimeTokenSubjectType,
  purposes: OneTimeTokenPurpose[],
): Promise<IOneTimeToken | null> {
  if (!new RegExp(`^${RANDOM_TOKEN_PATTERN}$`).test(secret)) return null;
  return em.findOne(OneTimeToken, {
    purpose: { $in: purposes },
    subjectType,
    tokenHash: hashSecret(secret),
    consumedAt: null,
    expiresAt: { $gt: clock.now() },
  });
}

/** Spends a link atomically; false when another request (or a withdrawal) got there first. */
export async function spendLink(em: EntityManager, clock: Clock, token: IOneTimeToken): Promise<boolean> {
  const spent = await em.nativeUpdate(
    OneTimeToken,
    { id: token.id, consumedAt: null, expiresAt: { $gt: clock.now() } },
    { consumedAt: clock.now() },
  );
  return spent === 1;
}
