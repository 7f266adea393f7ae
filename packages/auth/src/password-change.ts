import { AppError, type Clock } from "@portico/core";
import { CustomerUser, MerchantUser, queueAuditEvent, type EntityManager } from "@portico/db";
import type { LockedAccount } from "./lockout-notice.js";
import { reserveLoginAttempt } from "./lockout.js";
import { hashPassword, verifyPassword } from "./password.js";
import { checkPasswordPolicy, finishPasswordChange } from "./password-reset.js";
import type { RequestInfo } from "./session.js";
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from "./settings.js";

export interface ChangePasswordInput extends RequestInfo {
  subjectType: "merchant_user" | "customer_user";
  userId: number;
  /** The session making the change: it stays signed in, every other one ends. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  settings?: AuthSettings;
  /** Called once when a wrong current password locks the account (the lockout notice); must not throw. */
  onLocked?: (locked: LockedAccount) => Promise<void>;
}

/**
 * Changes a signed-in user's password. The current password is checked through the same
 * attempt reservation as a login (lockout.ts), so a stolen session cannot guess it freely.
 */
export async function changePassword(
  em: EntityManager,
  clock: Clock,
  input: ChangePasswordInput,
): Promise<{ ok: true; sessionsRevoked: number }> {
  checkPasswordPolicy(input.newPassword);
  const user =
    input.subjectType === "merchant_user"
      ? await em.findOneOrFail(MerchantUser, input.userId)
      : await em.findOneOrFail(CustomerUser, input.userId);
  const slot = await reserveLoginAttempt(
    em,
    clock,
    input.subjectType,
    user.id,
    input.settings ?? DEFAULT_AUTH_SETTINGS,
  );
  if (!slot.ok) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      "ACCOUNT_LOCKED",
      "Too many failed attempts: the account is locked.",
      {
        details: { lockedUntil: slot.lockedUntil.toISOString() },
      },
    );
  }
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const audit = (action: string, data: Record<string, unknown>) =>
      queueAuditEvent(em, {
        merchant: user.merchant.id,
        customer: "customer" in user ? user.customer.id : null,
        actorType: input.subjectType,
        actorId: user.publicId,
        action,
        targetType: input.subjectType,
        targetId: user.publicId,
        ip: input.ip,
        userAgent: input.userAgent,
        data,
        at: clock.now(),
      });
    audit("Auth.PasswordChangeFailed", { reason: "wrong_password", failedLoginCount: slot.failedLoginCount });
    // This attempt's slot set the lock: it alone reports it, so the owner hears of it once.
    const locked = slot.lockedNow ? slot.lockedUntil : null;
    if (locked) audit("Auth.Locked", { lockedUntil: locked.toISOString() });
    await em.flush();
    if (locked) await input.onLocked?.({ table: input.subjectType, userId: user.id, lockedUntil: locked });
    throw new AppError("BAD_REQUEST", "INVALID_CURRENT_PASSWORD", "The current password is wrong.");
  }
  user.passwordHash = await hashPassword(input.newPassword);
  await em.flush();
  // The reservation counted this attempt in SQL, behind the loaded entity's back.
  await em
    .getConnection()
    .execute(
      `update "${input.subjectType}" set "failed_login_count" = 0, "locked_until" = null where "id" = ?`,
      [user.id],
    );
  const sessionsRevoked = await finishPasswordChange(em, clock, {
    subjectType: input.subjectType,
    user,
    via: "change",
    except: input.sessionId,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  });
  return { ok: true, sessionsRevoked };
}
