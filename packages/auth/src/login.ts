import { AppError, type Clock } from "@portico/core";
import {
  Customer,
  CustomerUser,
  Merchant,
  MerchantUser,
  queueAuditEvent,
  recordAuditEvent,
  type EntityManager,
  type IAuthSession,
  type ICustomer,
  type ICustomerUser,
  type IMerchant,
  type IMerchantUser,
} from "@portico/db";
import type { LockedAccount } from "./lockout-notice.js";
import { reserveLoginAttempt, recordLoginSuccess, type LockableTable } from "./lockout.js";
import { hashPassword, verifyPassword } from "./password.js";
import { createSession, revokeSessionById, validateSessionToken, type RequestInfo } from "./session.js";
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from "./settings.js";

export interface LoginInput extends RequestInfo {
  /** Merchant slug; optional while the installation serves one merchant. */
  merchantSlug?: string;
  email: string;
  password: string;
  settings?: AuthSettings;
  /**
   * Called once per account this attempt locked, after the failure is flushed (the
   * lockout notice e-mail); it must not throw.
   */
  onLocked?: (locked: LockedAccount) => Promise<void>;
}

export interface CustomerLoginInput extends LoginInput {
  /** The customer account (public id) when one e-mail signs in to several. */
  customer?: string;
}

export interface LoginResult<U> {
  /** `id.secret` for the cookie; never put it in a response body. */
  token: string;
  session: IAuthSession;
  user: U;
  /** A TOTP code is owed before the session may be used (next slice). */
  mfaRequired: boolean;
  /** An owner without MFA must enrol before the session may be used. */
  mfaEnrollmentRequired: boolean;
}

export type MerchantLoginResult = LoginResult<IMerchantUser> & { merchant: IMerchant };
export type CustomerLoginResult = LoginResult<ICustomerUser> & { merchant: IMerchant; customer: ICustomer };

const invalidCredentials = () =>
  new AppError("UNAUTHORIZED", "INVALID_CREDENTIALS", "The e-mail or the password is wrong.");

const accountLocked = (lockedUntil: Date) =>
  new AppError("TOO_MANY_REQUESTS", "ACCOUNT_LOCKED", "Too many failed attempts: the account is locked.", {
    details: { lockedUntil: lockedUntil.toISOString() },
  });

let dummyHash: Promise<string> | undefined;

/** Unknown e-mails still cost one argon2 verification, so timing does not reveal accounts. */
async function spendDummyVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword("portico-no-such-account-placeholder");
  await verifyPassword(await dummyHash, password);
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

async function findMerchant(em: EntityManager, slug: string | undefined): Promise<IMerchant | null> {
  if (slug !== undefined) return em.findOne(Merchant, { slug });
  const merchants = await em.find(Merchant, {}, { orderBy: { id: "asc" }, limit: 2 });
  return merchants.length === 1 ? merchants[0]! : null;
}

interface Candidate {
  id: number;
  publicId: string;
  passwordHash?: string | null;
  merchant: { id: number };
  customer?: { id: number };
}

interface Attempt<C extends Candidate> {
  table: LockableTable;
  actorType: "merchant_user" | "customer_user";
  merchant: IMerchant | null;
  candidates: C[];
  password: string;
  request: RequestInfo & Pick<LoginInput, "onLocked">;
  settings: AuthSettings;
  email: string;
}

/**
 * Checks the password against each candidate account of the e-mail, each attempt reserved
 * first (lockout.ts). Returns the accounts the password opens; throws the same
 * INVALID_CREDENTIALS for an unknown e-mail and a wrong password, ACCOUNT_LOCKED when
 * every candidate is locked (even if the password is right: it is never checked).
 */
async function verifyCandidates<C extends Candidate>(
  em: EntityManager,
  clock: Clock,
  a: Attempt<C>,
): Promise<C[]> {
  const audit = (action: string, candidate: C | null, data: Record<string, unknown> = {}) =>
    queueAuditEvent(em, {
      merchant: candidate?.merchant.id ?? a.merchant,
      customer: candidate?.customer?.id ?? null,
      actorType: "anonymous",
      action,
      targetType: candidate ? a.actorType : null,
      targetId: candidate?.publicId ?? null,
      ip: a.request.ip,
      userAgent: a.request.userAgent,
      data: { email: a.email, ...data },
      at: clock.now(),
    });

  const withPassword = a.candidates.filter((c) => c.passwordHash != null);
  if (withPassword.length === 0) {
    await spendDummyVerification(a.password);
    audit("Auth.LoginFailed", null, { reason: "unknown_account" });
    await em.flush();
    throw invalidCredentials();
  }
  const opened: C[] = [];
  let earliestUnlock: Date | null = null;
  let checked = 0;
  const lockedNow: LockedAccount[] = [];
  for (const candidate of withPassword) {
    const slot = await reserveLoginAttempt(em, clock, a.table, candidate.id, a.settings);
    if (!slot.ok) {
      if (!earliestUnlock || slot.lockedUntil < earliestUnlock) earliestUnlock = slot.lockedUntil;
      continue;
    }
    checked++;
    if (await verifyPassword(candidate.passwordHash!, a.password)) {
      opened.push(candidate);
      continue;
    }
    audit("Auth.LoginFailed", candidate, {
      reason: "wrong_password",
      failedLoginCount: slot.failedLoginCount,
    });
    if (slot.lockedNow) {
      audit("Auth.Locked", candidate, { lockedUntil: slot.lockedUntil?.toISOString() });
      if (slot.lockedUntil)
        lockedNow.push({ table: a.table, userId: candidate.id, lockedUntil: slot.lockedUntil });
    }
  }
  if (opened.length === 0 && checked === 0 && earliestUnlock) {
    audit("Auth.LoginFailed", withPassword.length === 1 ? withPassword[0]! : null, { reason: "locked" });
    await em.flush();
    throw accountLocked(earliestUnlock);
  }
  await em.flush();
  for (const locked of lockedNow) await a.request.onLocked?.(locked);
  if (opened.length === 0) throw invalidCredentials();
  return opened;
}

/** Signs a merchant user in to the console. */
export async function loginMerchantUser(
  em: EntityManager,
  clock: Clock,
  input: LoginInput,
): Promise<MerchantLoginResult> {
  const settings = input.settings ?? DEFAULT_AUTH_SETTINGS;
  const email = normalizeEmail(input.email);
  const merchant = input.merchantSlug !== undefined ? await findMerchant(em, input.merchantSlug) : null;
  const candidates =
    input.merchantSlug !== undefined && !merchant
      ? []
      : await em.find(
          MerchantUser,
          { email, disabledAt: null, ...(merchant ? { merchant } : {}) },
          { orderBy: { id: "asc" } },
        );
  const opened = await verifyCandidates<IMerchantUser>(em, clock, {
    table: "merchant_user",
    actorType: "merchant_user",
    merchant,
    candidates,
    password: input.password,
    request: input,
    settings,
    email,
  });
  if (opened.length > 1) {
    const merchants = await em.find(Merchant, { id: { $in: opened.map((u) => u.merchant.id) } });
    throw new AppError("CONFLICT", "MERCHANT_CHOICE_REQUIRED", "Choose the merchant to sign in to.", {
      details: { merchants: merchants.map((m) => ({ merchant: m.slug, name: m.name })) },
    });
  }
  const user = opened[0]!;
  const mfaEnrollmentRequired = user.role === "owner" && user.mfaEnabledAt === null;
  const mfaRequired = user.mfaEnabledAt !== null;
  const result = await openSession(em, clock, {
    table: "merchant_user",
    subject: { type: "merchant_user", userId: user.id },
    user,
    merchantId: user.merchant.id,
    mfaVerified: !mfaRequired && !mfaEnrollmentRequired,
    request: input,
    settings,
  });
  const userMerchant = await em.findOneOrFail(Merchant, user.merchant.id);
  return { ...result, user, merchant: userMerchant, mfaRequired, mfaEnrollmentRequired };
}

/** Signs a customer user in to the portal. */
export async function loginCustomerUser(
  em: EntityManager,
  clock: Clock,
  input: CustomerLoginInput,
): Promise<CustomerLoginResult> {
  const settings = input.settings ?? DEFAULT_AUTH_SETTINGS;
  const email = normalizeEmail(input.email);
  const merchant = await findMerchant(em, input.merchantSlug);
  const candidates = merchant
    ? await em.find(
        CustomerUser,
        {
          merchant,
          email,
          disabledAt: null,
          customer: {
            deletedAt: null,
            ...(input.customer !== undefined ? { publicId: input.customer } : {}),
          },
        },
        { orderBy: { id: "asc" }, populate: ["customer"] },
      )
    : [];
  const opened = await verifyCandidates<ICustomerUser>(em, clock, {
    table: "customer_user",
    actorType: "customer_user",
    merchant,
    candidates,
    password: input.password,
    request: input,
    settings,
    email,
  });
  if (opened.length > 1) {
    // Only now, with the password proven for each of them, may the accounts be named.
    const customers = await em.find(Customer, { id: { $in: opened.map((u) => u.customer.id) } });
    throw new AppError("CONFLICT", "CUSTOMER_CHOICE_REQUIRED", "Choose the customer account to sign in to.", {
      details: { customers: customers.map((c) => ({ customer: c.publicId, name: c.name })) },
    });
  }
  const user = opened[0]!;
  const mfaRequired = user.mfaEnabledAt !== null;
  const result = await openSession(em, clock, {
    table: "customer_user",
    subject: { type: "customer_user", userId: user.id },
    user,
    merchantId: user.merchant.id,
    customerId: user.customer.id,
    mfaVerified: !mfaRequired,
    request: input,
    settings,
  });
  const customer = await em.findOneOrFail(Customer, user.customer.id);
  return { ...result, user, merchant: merchant!, customer, mfaRequired, mfaEnrollmentRequired: false };
}

/** After a proven credential: lock counter reset, new session, `Auth.Login` (login-code.ts too). */
export async function openSession(
  em: EntityManager,
  clock: Clock,
  input: {
    table: LockableTable;
    subject: { type: "merchant_user" | "customer_user"; userId: number };
    user: Candidate;
    merchantId: number;
    customerId?: number;
    mfaVerified: boolean;
    request: RequestInfo;
    settings: AuthSettings;
    /** How the user proved who they are, for the audit trail. */
    method?: "password" | "login_code" | "invitation" | "registration";
  },
): Promise<{ token: string; session: IAuthSession }> {
  await recordLoginSuccess(em, clock, input.table, input.user.id);
  const created = await createSession(em, clock, {
    subject: input.subject,
    merchantId: input.merchantId,
    customerId: input.customerId ?? null,
    mfaVerified: input.mfaVerified,
    ip: input.request.ip,
    userAgent: input.request.userAgent,
    settings: input.settings,
  });
  await recordAuditEvent(em, {
    merchant: input.merchantId,
    customer: input.customerId ?? null,
    actorType: input.subject.type,
    actorId: input.user.publicId,
    action: "Auth.Login",
    targetType: "auth_session",
    targetId: created.session.publicId,
    ip: input.request.ip,
    userAgent: input.request.userAgent,
    data: { method: input.method ?? "password", mfaVerified: input.mfaVerified },
    at: clock.now(),
  });
  return created;
}

/** Ends the session a token names, server-side; unknown or finished tokens are a no-op. */
export async function logout(
  em: EntityManager,
  clock: Clock,
  token: string,
  request: RequestInfo = {},
): Promise<boolean> {
  const session = await validateSessionToken(em, clock, token);
  if (!session) return false;
  const actor =
    session.subjectType === "merchant_user"
      ? await em.findOneOrFail(MerchantUser, session.merchantUser!.id)
      : session.customerUser
        ? await em.findOneOrFail(CustomerUser, session.customerUser.id)
        : null;
  return revokeSessionById(em, clock, session.id, {
    actorId: actor?.publicId ?? session.publicId,
    ...request,
  });
}
