import { AppError, sendTemplate, type Clock, type Mailer } from "@portico/core";
import {
  CustomerUser,
  Merchant,
  MerchantUser,
  OneTimeToken,
  queueAuditEvent,
  type EntityManager,
  type ICustomerUser,
  type IMerchantUser,
} from "@portico/db";
import { findMerchantForRecovery, NOT_PENDING_INVITEE } from "./login-code.js";
import { normalizeEmail } from "./login.js";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.js";
import { randomToken, RANDOM_TOKEN_PATTERN } from "./random-token.js";
import { hashSecret } from "./secret-hash.js";
import { revokeAllSessions, type RequestInfo } from "./session.js";
import { MINUTE_MS } from "./settings.js";

/**
 * Forgot / reset password for both surfaces: a single-use link holding 160 random bits
 * (`randomToken`), stored as SHA-256 (it cannot be guessed, unlike a 6-digit code), valid
 * 30 minutes. Spending it sets the new argon2id hash, lifts any lock and ends every session
 * of the user. The request answers the same whether the e-mail is known or not, and only
 * queues the e-mail (no SMTP exchange in the request).
 */

export const PASSWORD_RESET_MINUTES = 30;

export type RecoverySurface = "portal" | "console";

export interface RequestPasswordResetInput extends RequestInfo {
  surface: RecoverySurface;
  merchantSlug?: string;
  email: string;
  /** PUBLIC_URL; the link is `${publicUrl}/<surface>/reset?token=…`. */
  publicUrl: string;
  mailer: Mailer;
}

export interface PasswordResetRequested {
  ok: true;
}

type Account = IMerchantUser | ICustomerUser;

async function accountsFor(
  em: EntityManager,
  surface: RecoverySurface,
  email: string,
  merchantSlug: string | undefined,
): Promise<Account[]> {
  const merchant = merchantSlug !== undefined ? await findMerchantForRecovery(em, merchantSlug) : null;
  if (merchantSlug !== undefined && !merchant) return [];
  const scope = merchant ? { merchant } : {};
  // An invitee gets its password from the invitation, never from a reset link.
  if (surface === "console") {
    return em.find(
      MerchantUser,
      { email, disabledAt: null, passwordHash: { $ne: null }, ...scope },
      { orderBy: { id: "asc" } },
    );
  }
  return em.find(
    CustomerUser,
    { email, disabledAt: null, ...NOT_PENDING_INVITEE, customer: { deletedAt: null }, ...scope },
    { orderBy: { id: "asc" } },
  );
}

export async function requestPasswordReset(
  em: EntityManager,
  clock: Clock,
  input: RequestPasswordResetInput,
): Promise<PasswordResetRequested> {
  const email = normalizeEmail(input.email);
  const accounts = await accountsFor(em, input.surface, email, input.merchantSlug);
  const subjectType = input.surface === "console" ? "merchant_user" : "customer_user";
  if (accounts.length === 0) {
    // The same token work as for a known e-mail; nothing is stored or sent.
    hashSecret(randomToken());
    return { ok: true };
  }
  const now = clock.now();
  for (const account of accounts) {
    const secret = randomToken();
    const owner =
      subjectType === "merchant_user" ? { merchantUser: account.id } : { customerUser: account.id };
    // A new link replaces any earlier one still open for this account.
    await em.nativeUpdate(
      OneTimeToken,
      { purpose: "password_reset", ...owner, consumedAt: null },
      { consumedAt: now },
    );
    const customerId = "customer" in account ? account.customer.id : null;
    em.create(OneTimeToken, {
      purpose: "password_reset",
      subjectType,
      merchant: account.merchant.id,
      ...owner,
      customer: customerId,
      email,
      tokenHash: hashSecret(secret),
      ip: input.ip?.slice(0, 64) ?? null,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_MINUTES * MINUTE_MS),
    });
    queueAuditEvent(em, {
      merchant: account.merchant.id,
      customer: customerId,
      actorType: "anonymous",
      action: "Auth.PasswordResetRequested",
      targetType: subjectType,
      targetId: account.publicId,
      ip: input.ip,
      userAgent: input.userAgent,
      data: { email },
      at: now,
    });
    await em.flush();
    const merchant = await em.findOneOrFail(Merchant, account.merchant.id);
    await sendTemplate(em, input.mailer, {
      merchant: { merchantName: merchant.name },
      to: email,
      template: "password_reset",
      data: {
        resetUrl: `${input.publicUrl}/${input.surface}/reset?token=${secret}`,
        expiresInMinutes: PASSWORD_RESET_MINUTES,
      },
      merchantId: merchant.id,
      ...(customerId !== null ? { customerId } : {}),
    });
  }
  return { ok: true };
}

export interface ResetPasswordInput extends RequestInfo {
  surface: RecoverySurface;
  token: string;
  newPassword: string;
}

const invalidLink = () =>
  new AppError("BAD_REQUEST", "RESET_LINK_INVALID", "This reset link is invalid, used or expired.");

export function checkPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new AppError(
      "BAD_REQUEST",
      "PASSWORD_TOO_WEAK",
      `Choose a password of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
      { details: { minLength: PASSWORD_MIN_LENGTH } },
    );
  }
}

/** Spends a reset link once: new password, lock lifted, every session of the user ended. */
export async function resetPassword(
  em: EntityManager,
  clock: Clock,
  input: ResetPasswordInput,
): Promise<{ ok: true }> {
  checkPasswordPolicy(input.newPassword);
  if (!new RegExp(`^${RANDOM_TOKEN_PATTERN}$`).test(input.token)) throw invalidLink();
  const now = clock.now();
  const subjectType = input.surface === "console" ? "merchant_user" : "customer_user";
  const token = await em.findOne(OneTimeToken, {
    purpose: "password_reset",
    subjectType,
    tokenHash: hashSecret(input.token),
    consumedAt: null,
    expiresAt: { $gt: now },
  });
  if (!token) throw invalidLink();
  const newHash = await hashPassword(input.newPassword);
  // Spend it atomically: of two parallel uses, one wins.
  const spent = await em.nativeUpdate(OneTimeToken, { id: token.id, consumedAt: null }, { consumedAt: now });
  if (spent !== 1) throw invalidLink();

  const user: Account | null =
    subjectType === "merchant_user"
      ? await em.findOne(MerchantUser, { id: token.merchantUser?.id ?? 0, disabledAt: null })
      : await em.findOne(CustomerUser, { id: token.customerUser?.id ?? 0, disabledAt: null });
  if (!user) throw invalidLink();
  user.passwordHash = newHash;
  user.failedLoginCount = 0;
  user.lockedUntil = null;
  await em.flush();
  await finishPasswordChange(em, clock, {
    subjectType,
    user,
    via: "reset",
    except: null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  });
  return { ok: true };
}

/** Ends the user's sessions (but `except`) and records `Auth.PasswordChanged`. */
export async function finishPasswordChange(
  em: EntityManager,
  clock: Clock,
  input: {
    subjectType: "merchant_user" | "customer_user";
    user: Account;
    via: "reset" | "change";
    except: string | null;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<number> {
  const { user, subjectType } = input;
  const revoked = await revokeAllSessions(
    em,
    clock,
    { type: subjectType, userId: user.id },
    { actorId: user.publicId, except: input.except, ip: input.ip, userAgent: input.userAgent },
  );
  queueAuditEvent(em, {
    merchant: user.merchant.id,
    customer: "customer" in user ? user.customer.id : null,
    actorType: input.via === "reset" ? "anonymous" : subjectType,
    actorId: input.via === "reset" ? null : user.publicId,
    action: "Auth.PasswordChanged",
    targetType: subjectType,
    targetId: user.publicId,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { via: input.via, sessionsRevoked: revoked },
    at: clock.now(),
  });
  await em.flush();
  return revoked;
}
