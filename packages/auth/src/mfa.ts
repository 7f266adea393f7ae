import { AppError, type Clock } from "@portico/core";
import {
  AuthSession,
  CustomerUser,
  Merchant,
  MerchantUser,
  queueAuditEvent,
  type EntityManager,
  type IAuthSession,
  type ICustomerUser,
  type IMerchantUser,
} from "@portico/db";
import type { LockedAccount } from "./lockout-notice.js";
import { recordLoginSuccess, reserveLoginAttempt, type AttemptReservation } from "./lockout.js";
import { verifyPassword } from "./password.js";
import {
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  deleteRecoveryCodes,
  replaceRecoveryCodes,
  type RecoveryCodeOwner,
} from "./recovery-codes.js";
import type { SecretKeyring } from "./secret-box.js";
import { createSession, type RequestInfo } from "./session.js";
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from "./settings.js";
import {
  decodeTotpSecret,
  encodeTotpSecret,
  matchTotp,
  newTotpKey,
  totpKeyUri,
  totpQrCodeDataUrl,
} from "./totp.js";

/**
 * TOTP MFA for console (merchant) and portal (customer) users: enrolment, the challenge
 * after a password login, disabling, and new recovery codes.
 *
 * Every code check first takes a lockout slot (lockout.ts), exactly as a password check
 * does, so passwords, TOTP codes and recovery codes share one counter: 5 consecutive
 * failures of any kind lock the account. A TOTP step is spent by one conditional UPDATE of
 * `totp_last_used_step`, so a code is accepted once even under parallel requests.
 *
 * The TOTP key is stored sealed (secret-box.ts, the keyring from the auth settings) and
 * bound to its row: a database dump alone yields no usable key, and a value copied onto
 * another user does not open.
 */
export type MfaUserType = "merchant_user" | "customer_user";

export interface MfaSubject {
  type: MfaUserType;
  userId: number;
}

export interface MfaRequest extends RequestInfo {
  settings?: AuthSettings;
  /** Called once when a wrong code locks the account (the lockout notice e-mail); must not throw. */
  onLocked?: (locked: LockedAccount) => Promise<void>;
}

type MfaUser = IMerchantUser | ICustomerUser;

const accountLocked = (lockedUntil: Date) =>
  new AppError("TOO_MANY_REQUESTS", "ACCOUNT_LOCKED", "Too many failed attempts: the account is locked.", {
    details: { lockedUntil: lockedUntil.toISOString() },
  });

const invalidCode = () =>
  new AppError("UNAUTHORIZED", "INVALID_MFA_CODE", "The code is wrong or was already used.");

const recoveryOwner = (subject: MfaSubject): RecoveryCodeOwner =>
  subject.type === "merchant_user" ? { merchantUserId: subject.userId } : { customerUserId: subject.userId };

async function loadUser(em: EntityManager, subject: MfaSubject): Promise<MfaUser> {
  const user =
    subject.type === "merchant_user"
      ? await em.findOne(MerchantUser, { id: subject.userId, disabledAt: null })
      : await em.findOne(CustomerUser, { id: subject.userId, disabledAt: null });
  if (!user) throw new AppError("UNAUTHORIZED", "SESSION_REQUIRED", "Sign in first.");
  return user;
}

/** Associated data of a sealed TOTP key: the column and the row's public id. */
const totpContext = (subject: MfaSubject, user: MfaUser) => `${subject.type}.totp_secret:${user.publicId}`;

function keyringOf(request: MfaRequest): SecretKeyring {
  const keys = request.settings?.secretKeys;
  if (!keys) {
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      "ENCRYPTION_KEY_MISSING",
      "Two-factor authentication is unavailable: no encryption key is configured (PORTICO_ENCRYPTION_KEY).",
    );
  }
  return keys;
}

/** Opens the stored TOTP key; a value no configured key opens is a typed error, not a crash. */
function openTotpKey(
  subject: MfaSubject,
  user: MfaUser,
  sealed: string,
  request: MfaRequest,
): { key: Uint8Array; stale: boolean } {
  const opened = keyringOf(request).open(sealed, totpContext(subject, user));
  if (!opened) {
    throw new AppError(
      "INTERNAL_SERVER_ERROR",
      "MFA_SECRET_UNREADABLE",
      "Two-factor authentication is unavailable: the stored secret does not open with the configured encryption keys.",
    );
  }
  return { key: decodeTotpSecret(opened.plaintext), stale: opened.stale };
}

const isOwner = (subject: MfaSubject, user: MfaUser) =>
  subject.type === "merchant_user" && (user as IMerchantUser).role === "owner";

function audit(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  user: MfaUser,
  request: RequestInfo,
  action: string,
  data: Record<string, unknown> = {},
) {
  queueAuditEvent(em, {
    merchant: user.merchant.id,
    customer: "customer" in user ? user.customer.id : null,
    actorType: subject.type,
    actorId: user.publicId,
    action,
    targetType: subject.type,
    targetId: user.publicId,
    ip: request.ip,
    userAgent: request.userAgent,
    data,
    at: clock.now(),
  });
}

/**
 * Spends the TOTP step of `code` for the user: a single UPDATE that succeeds only if the
 * step is later than the last one spent. Two requests racing with one code: one wins.
 */
async function spendTotpStep(em: EntityManager, subject: MfaSubject, step: number): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: number }[]>(
    `update "${subject.type}" set "totp_last_used_step" = ?
      where "id" = ? and ("totp_last_used_step" is null or "totp_last_used_step" < ?)
      returning "id"`,
    [step, subject.userId, step],
  );
  return rows.length === 1;
}

interface CodeCheck {
  /** Accept a recovery code as well as a TOTP code. */
  allowRecoveryCode: boolean;
  /** Checked with the code, under the same lockout slot (disabling MFA). */
  password?: string;
  /** Audit action of a failure. */
  failureAction: string;
}

/**
 * One counted attempt: reserves a lockout slot, checks the password (if any) and the code,
 * and resets the counter on success. Throws ACCOUNT_LOCKED or INVALID_MFA_CODE (the same
 * error for a wrong password, so the two cannot be told apart).
 */
async function verifyCountedCode(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  user: MfaUser,
  code: string,
  check: CodeCheck,
  request: MfaRequest,
): Promise<{ method: "totp" | "recovery_code" }> {
  const settings = request.settings ?? DEFAULT_AUTH_SETTINGS;
  // Before the lockout slot: a server-side key problem must not count against the user.
  const totp = user.totpSecret ? openTotpKey(subject, user, user.totpSecret, request) : null;
  const slot: AttemptReservation = await reserveLoginAttempt(
    em,
    clock,
    subject.type,
    subject.userId,
    settings,
  );
  if (!slot.ok) {
    audit(em, clock, subject, user, request, check.failureAction, { reason: "locked" });
    await em.flush();
    throw accountLocked(slot.lockedUntil);
  }
  let method: "totp" | "recovery_code" | null = null;
  const passwordOk =
    check.password === undefined ||
    (user.passwordHash != null && (await verifyPassword(user.passwordHash, check.password)));
  if (passwordOk && totp) {
    const step = matchTotp(totp.key, code, clock.now(), user.totpLastUsedStep);
    if (step !== null && (await spendTotpStep(em, subject, step))) {
      user.totpLastUsedStep = step;
      method = "totp";
    } else if (
      check.allowRecoveryCode &&
      (await consumeRecoveryCode(em, recoveryOwner(subject), code, clock.now()))
    ) {
      method = "recovery_code";
    }
  }
  if (method === null) {
    audit(em, clock, subject, user, request, check.failureAction, {
      reason: passwordOk ? "wrong_code" : "wrong_password",
      failedLoginCount: slot.failedLoginCount,
    });
    if (slot.lockedNow)
      audit(em, clock, subject, user, request, "Auth.Locked", {
        lockedUntil: slot.lockedUntil?.toISOString(),
      });
    await em.flush();
    if (slot.lockedNow && slot.lockedUntil) {
      await request.onLocked?.({
        table: subject.type,
        userId: subject.userId,
        lockedUntil: slot.lockedUntil,
      });
    }
    throw invalidCode();
  }
  // Sealed by a previous key: re-seal with the current one (flushed with the caller's changes).
  if (totp?.stale && user.totpSecret) {
    user.totpSecret = keyringOf(request).seal(encodeTotpSecret(totp.key), totpContext(subject, user));
  }
  await recordLoginSuccess(em, clock, subject.type, subject.userId);
  return { method };
}

/**
 * A new session id for a privilege change (second factor passed): the old session is
 * revoked, the new one is MFA-verified. A token captured before the change is worthless.
 */
async function upgradeSession(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  user: MfaUser,
  oldSessionId: string,
  request: MfaRequest,
) {
  const old = await em.findOneOrFail(AuthSession, { id: oldSessionId });
  const now = clock.now();
  old.revokedAt = now;
  queueAuditEvent(em, {
    merchant: old.merchant.id,
    customer: old.customer?.id ?? null,
    actorType: subject.type,
    actorId: user.publicId,
    action: "Auth.SessionRevoked",
    targetType: "auth_session",
    targetId: old.publicId,
    ip: request.ip,
    userAgent: request.userAgent,
    data: { reason: "mfa_upgrade" },
    at: now,
  });
  return createSession(em, clock, {
    subject: { type: subject.type, userId: subject.userId },
    merchantId: old.merchant.id,
    customerId: old.customer?.id ?? null,
    mfaVerified: true,
    ip: request.ip,
    userAgent: request.userAgent,
    settings: request.settings,
  });
}

export interface MfaEnrollment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code: an SVG data URL for an `<img>`. */
  qrCode: string;
}

/**
 * Starts (or restarts) enrolment: a new secret is stored pending (`mfaEnabledAt` null)
 * and returned for the authenticator app. Refused once MFA is on, so a session that still
 * owes the challenge cannot swap the factor.
 */
export async function beginMfaEnrollment(
  em: EntityManager,
  subject: MfaSubject,
  request: MfaRequest = {},
): Promise<MfaEnrollment> {
  const user = await loadUser(em, subject);
  if (user.mfaEnabledAt !== null) {
    throw new AppError("CONFLICT", "MFA_ALREADY_ENABLED", "Two-factor authentication is already on.");
  }
  const keyring = keyringOf(request);
  const merchant = await em.findOneOrFail(Merchant, user.merchant.id);
  const key = newTotpKey();
  const secret = encodeTotpSecret(key);
  user.totpSecret = keyring.seal(secret, totpContext(subject, user));
  user.totpLastUsedStep = null;
  await em.flush();
  const otpauthUri = totpKeyUri(merchant.name, user.email, key);
  return { secret, otpauthUri, qrCode: await totpQrCodeDataUrl(otpauthUri) };
}

export interface MfaUpgrade {
  /** `id.secret` of the new, MFA-verified session: for the cookie only. */
  token: string;
  session: IAuthSession;
}

export interface MfaEnrollmentConfirmation extends MfaUpgrade {
  /** Shown once; only their hashes are stored. */
  recoveryCodes: string[];
}

/** Finishes enrolment with a first code from the app: MFA on, recovery codes, new session. */
export async function confirmMfaEnrollment(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  sessionId: string,
  code: string,
  request: MfaRequest = {},
): Promise<MfaEnrollmentConfirmation> {
  const user = await loadUser(em, subject);
  if (user.mfaEnabledAt !== null) {
    throw new AppError("CONFLICT", "MFA_ALREADY_ENABLED", "Two-factor authentication is already on.");
  }
  if (!user.totpSecret) {
    throw new AppError("CONFLICT", "MFA_ENROLLMENT_NOT_STARTED", "Start the enrolment first.");
  }
  await verifyCountedCode(
    em,
    clock,
    subject,
    user,
    code,
    { allowRecoveryCode: false, failureAction: "Auth.MfaFailed" },
    request,
  );
  user.mfaEnabledAt = clock.now();
  const recoveryCodes = await replaceRecoveryCodes(em, recoveryOwner(subject), clock.now());
  audit(em, clock, subject, user, request, "Auth.MfaEnrolled", { method: "totp" });
  const upgraded = await upgradeSession(em, clock, subject, user, sessionId, request);
  return { ...upgraded, recoveryCodes };
}

/** The challenge after a password login: a TOTP or recovery code → a new verified session. */
export async function verifyMfaChallenge(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  sessionId: string,
  code: string,
  request: MfaRequest = {},
): Promise<MfaUpgrade & { method: "totp" | "recovery_code" }> {
  const user = await loadUser(em, subject);
  if (user.mfaEnabledAt === null || !user.totpSecret) {
    throw new AppError("CONFLICT", "MFA_NOT_ENABLED", "Two-factor authentication is not on.");
  }
  const session = await em.findOneOrFail(AuthSession, { id: sessionId });
  if (session.mfaVerified) {
    throw new AppError("CONFLICT", "MFA_ALREADY_VERIFIED", "This session has passed the second factor.");
  }
  const { method } = await verifyCountedCode(
    em,
    clock,
    subject,
    user,
    code,
    { allowRecoveryCode: true, failureAction: "Auth.MfaFailed" },
    request,
  );
  audit(em, clock, subject, user, request, "Auth.MfaVerified", { method });
  const upgraded = await upgradeSession(em, clock, subject, user, sessionId, request);
  return { ...upgraded, method };
}

/**
 * Turns MFA off (password + a current code). Refused for console owners, for whom it is
 * mandatory. Sessions stay as they are: the user has proven both factors just now.
 */
export async function disableMfa(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  input: { password: string; code: string },
  request: MfaRequest = {},
): Promise<void> {
  const user = await loadUser(em, subject);
  if (isOwner(subject, user)) {
    throw new AppError("FORBIDDEN", "MFA_MANDATORY", "Owners must keep two-factor authentication on.");
  }
  if (user.mfaEnabledAt === null) {
    throw new AppError("CONFLICT", "MFA_NOT_ENABLED", "Two-factor authentication is not on.");
  }
  await verifyCountedCode(
    em,
    clock,
    subject,
    user,
    input.code,
    { allowRecoveryCode: true, password: input.password, failureAction: "Auth.MfaFailed" },
    request,
  );
  user.totpSecret = null;
  user.totpLastUsedStep = null;
  user.mfaEnabledAt = null;
  await deleteRecoveryCodes(em, recoveryOwner(subject));
  audit(em, clock, subject, user, request, "Auth.MfaDisabled");
  await em.flush();
}

/** Ten new recovery codes (the old ones stop working); needs a current TOTP code. */
export async function regenerateRecoveryCodes(
  em: EntityManager,
  clock: Clock,
  subject: MfaSubject,
  code: string,
  request: MfaRequest = {},
): Promise<string[]> {
  const user = await loadUser(em, subject);
  if (user.mfaEnabledAt === null) {
    throw new AppError("CONFLICT", "MFA_NOT_ENABLED", "Two-factor authentication is not on.");
  }
  await verifyCountedCode(
    em,
    clock,
    subject,
    user,
    code,
    { allowRecoveryCode: false, failureAction: "Auth.MfaFailed" },
    request,
  );
  const codes = await replaceRecoveryCodes(em, recoveryOwner(subject), clock.now());
  audit(em, clock, subject, user, request, "Auth.RecoveryCodesRegenerated");
  await em.flush();
  return codes;
}

export interface MfaStatusDto {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesRemaining: number;
}

export async function getMfaStatus(em: EntityManager, subject: MfaSubject): Promise<MfaStatusDto> {
  const user = await loadUser(em, subject);
  return {
    enabled: user.mfaEnabledAt !== null,
    enabledAt: user.mfaEnabledAt?.toISOString() ?? null,
    recoveryCodesRemaining:
      user.mfaEnabledAt === null ? 0 : await countUnusedRecoveryCodes(em, recoveryOwner(subject)),
  };
}
