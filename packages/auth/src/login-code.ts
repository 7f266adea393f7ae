import { AppError, sendTemplate, type Clock, type Mailer } from "@portico/core";
import {
  Customer,
  CustomerUser,
  Merchant,
  OneTimeToken,
  queueAuditEvent,
  type EntityManager,
  type IMerchant,
} from "@portico/db";
import { randomInt } from "node:crypto";
import { normalizeEmail, openSession, type CustomerLoginResult } from "./login.js";
import { hashPassword, verifyPassword } from "./password.js";
import type { RequestInfo } from "./session.js";
import { DEFAULT_AUTH_SETTINGS, MINUTE_MS, type AuthSettings } from "./settings.js";

/**
 * Portal sign-in with an e-mailed 6-digit code.
 *
 * - A code has only 10^6 values, so a plain SHA-256 would be reversed offline in a moment:
 *   it is stored as an argon2id hash (the password hash), looked up by merchant + e-mail.
 * - One e-mail on several customer accounts gets ONE code; only after it verified are the
 *   accounts named (CONFLICT CUSTOMER_CHOICE_REQUIRED), and the caller repeats with `customer`.
 * - Every verification first takes an attempt slot in one atomic UPDATE; the fifth wrong
 *   guess burns the code, whatever the concurrency.
 * - The request answers the same for unknown e-mails, after the same hashing work; the
 *   e-mail is only queued (core's mailer), so no SMTP exchange or outage shows in the answer.
 */

export const LOGIN_CODE_MINUTES = 10;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;

/** What recovery flows log through (Fastify's pino logger fits). */
export interface RecoveryLog {
  warn(obj: object, msg?: string): void;
}

export interface RequestLoginCodeInput extends RequestInfo {
  merchantSlug?: string;
  email: string;
  mailer: Mailer;
}

/** The one answer every request gets, known e-mail or not. */
export interface LoginCodeRequested {
  ok: true;
  expiresInMinutes: number;
}

export function randomLoginCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/**
 * Takes one attempt at an e-mailed code in a single atomic UPDATE, so parallel guesses
 * cannot exceed `max`: the attempts made so far, this one included, or null when the code
 * is spent or out of attempts.
 */
export async function takeCodeAttempt(
  em: EntityManager,
  tokenId: number,
  max: number,
): Promise<number | null> {
  const [slot] = await em.getConnection().execute<{ attempts: number }[]>(
    `update "one_time_token" set "attempts" = "attempts" + 1
      where "id" = ? and "consumed_at" is null and "attempts" < ?
      returning "attempts"`,
    [tokenId, max],
  );
  return slot?.attempts ?? null;
}

/** The merchant named by slug, or the only one; null otherwise. */
export async function findMerchantForRecovery(
  em: EntityManager,
  slug: string | undefined,
): Promise<IMerchant | null> {
  if (slug !== undefined) return em.findOne(Merchant, { slug });
  const merchants = await em.find(Merchant, {}, { orderBy: { id: "asc" }, limit: 2 });
  return merchants.length === 1 ? merchants[0]! : null;
}

/** An invited user signs in only after accepting (team-dto.ts customerUserStatus). */
export const NOT_PENDING_INVITEE = { $or: [{ invitedAt: null }, { emailVerifiedAt: { $ne: null } }] };

function portalCandidates(em: EntityManager, merchant: IMerchant, email: string, customer?: string) {
  return em.find(
    CustomerUser,
    {
      merchant,
      email,
      disabledAt: null,
      ...NOT_PENDING_INVITEE,
      customer: { deletedAt: null, ...(customer !== undefined ? { publicId: customer } : {}) },
    },
    { orderBy: { id: "asc" } },
  );
}

export async function requestLoginCode(
  em: EntityManager,
  clock: Clock,
  input: RequestLoginCodeInput,
): Promise<LoginCodeRequested> {
  const answer: LoginCodeRequested = { ok: true, expiresInMinutes: LOGIN_CODE_MINUTES };
  const email = normalizeEmail(input.email);
  const merchant = await findMerchantForRecovery(em, input.merchantSlug);
  const users = merchant ? await portalCandidates(em, merchant, email) : [];
  const code = randomLoginCode();
  // Hashed for unknown e-mails too, so both paths cost the same argon2 work.
  const codeHash = await hashPassword(code);
  if (!merchant || users.length === 0) return answer;

  const now = clock.now();
  // A new code replaces any earlier one still open for this e-mail.
  await em.nativeUpdate(
    OneTimeToken,
    { purpose: "login_code", merchant, email, consumedAt: null },
    { consumedAt: now },
  );
  const single = users.length === 1 ? users[0]! : null;
  em.create(OneTimeToken, {
    purpose: "login_code",
    subjectType: "customer_user",
    merchant,
    customerUser: single,
    customer: single?.customer ?? null,
    email,
    tokenHash: codeHash,
    ip: input.ip?.slice(0, 64) ?? null,
    expiresAt: new Date(now.getTime() + LOGIN_CODE_MINUTES * MINUTE_MS),
  });
  queueAuditEvent(em, {
    merchant,
    customer: single?.customer.id ?? null,
    actorType: "anonymous",
    action: "Auth.LoginCodeRequested",
    targetType: single ? "customer_user" : null,
    targetId: single?.publicId ?? null,
    ip: input.ip,
    userAgent: input.userAgent,
    data: { email, accounts: users.length },
    at: now,
  });
  await em.flush();
  await sendTemplate(em, input.mailer, {
    merchant: { merchantName: merchant.name },
    to: email,
    template: "login_code",
    data: { code, expiresInMinutes: LOGIN_CODE_MINUTES },
    merchantId: merchant.id,
    ...(single ? { customerId: single.customer.id } : {}),
  });
  return answer;
}

export interface VerifyLoginCodeInput extends RequestInfo {
  merchantSlug?: string;
  email: string;
  code: string;
  /** The customer account (public id) when one e-mail signs in to several. */
  customer?: string;
  settings?: AuthSettings;
}

const invalidCode = () =>
  new AppError("UNAUTHORIZED", "INVALID_LOGIN_CODE", "The code is wrong or no longer valid.");

/** Signs a customer user in with an e-mailed code (through the same session creation as passwords). */
export async function verifyLoginCode(
  em: EntityManager,
  clock: Clock,
  input: VerifyLoginCodeInput,
): Promise<CustomerLoginResult> {
  const settings = input.settings ?? DEFAULT_AUTH_SETTINGS;
  const email = normalizeEmail(input.email);
  const now = clock.now();
  const merchant = await findMerchantForRecovery(em, input.merchantSlug);
  const token = merchant
    ? await em.findOne(
        OneTimeToken,
        { purpose: "login_code", merchant, email, consumedAt: null, expiresAt: { $gt: now } },
        { orderBy: { id: "desc" } },
      )
    : null;
  const audit = (action: string, data: Record<string, unknown>) =>
    queueAuditEvent(em, {
      merchant,
      actorType: "anonymous",
      action,
      ip: input.ip,
      userAgent: input.userAgent,
      data: { email, method: "login_code", ...data },
      at: now,
    });
  if (!merchant || !token) {
    audit("Auth.LoginFailed", { reason: "no_code" });
    await em.flush();
    throw invalidCode();
  }
  const attempts = await takeCodeAttempt(em, token.id, LOGIN_CODE_MAX_ATTEMPTS);
  if (attempts === null) {
    audit("Auth.LoginFailed", { reason: "code_spent" });
    await em.flush();
    throw invalidCode();
  }
  if (!(await verifyPassword(token.tokenHash, input.code))) {
    if (attempts >= LOGIN_CODE_MAX_ATTEMPTS) {
      await em.nativeUpdate(OneTimeToken, { id: token.id, consumedAt: null }, { consumedAt: now });
    }
    audit("Auth.LoginFailed", { reason: "wrong_code", attempts });
    await em.flush();
    throw invalidCode();
  }

  const users = await portalCandidates(em, merchant, email, input.customer);
  if (users.length === 0) throw invalidCode();
  if (users.length > 1) {
    // The code is proven: now the accounts may be named. It stays open for the choice.
    const customers = await em.find(Customer, { id: { $in: users.map((u) => u.customer.id) } });
    throw new AppError("CONFLICT", "CUSTOMER_CHOICE_REQUIRED", "Choose the customer account to sign in to.", {
      details: { customers: customers.map((c) => ({ customer: c.publicId, name: c.name })) },
    });
  }
  const user = users[0]!;
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    audit("Auth.LoginFailed", { reason: "locked" });
    await em.flush();
    throw new AppError(
      "TOO_MANY_REQUESTS",
      "ACCOUNT_LOCKED",
      "Too many failed attempts: the account is locked.",
      {
        details: { lockedUntil: user.lockedUntil.toISOString() },
      },
    );
  }
  const spent = await em.nativeUpdate(OneTimeToken, { id: token.id, consumedAt: null }, { consumedAt: now });
  if (spent !== 1) throw invalidCode();

  const mfaRequired = user.mfaEnabledAt !== null;
  const result = await openSession(em, clock, {
    table: "customer_user",
    subject: { type: "customer_user", userId: user.id },
    user,
    merchantId: merchant.id,
    customerId: user.customer.id,
    mfaVerified: !mfaRequired,
    request: input,
    settings,
    method: "login_code",
  });
  const customer = await em.findOneOrFail(Customer, user.customer.id);
  return { ...result, user, merchant, customer, mfaRequired, mfaEnrollmentRequired: false };
}
