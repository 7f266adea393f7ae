import { sendTemplate, type Mailer } from "@portico/core";
import { CustomerUser, Merchant, MerchantUser, type EntityManager } from "@portico/db";
import type { RecoveryLog } from "./login-code.js";

/** An account whose failed attempt just set the lock (login.ts reports it after its flush). */
export interface LockedAccount {
  table: "merchant_user" | "customer_user";
  userId: number;
  lockedUntil: Date;
}

/**
 * E-mails the owner of a just-locked account (lockout_notice template), once per lock: every
 * path that can lock (password login, change password, MFA codes) calls it for the attempt
 * whose slot set the lock. It only queues the message; it never throws, as the answer
 * (ACCOUNT_LOCKED / INVALID_CREDENTIALS / …) must not depend on the e-mail.
 */
export async function sendLockoutNotice(
  em: EntityManager,
  mailer: Mailer,
  log: RecoveryLog,
  locked: LockedAccount,
): Promise<void> {
  try {
    const user =
      locked.table === "merchant_user"
        ? await em.findOneOrFail(MerchantUser, locked.userId)
        : await em.findOneOrFail(CustomerUser, locked.userId);
    const merchant = await em.findOneOrFail(Merchant, user.merchant.id);
    await sendTemplate(em, mailer, {
      merchant: { merchantName: merchant.name },
      to: user.email,
      template: "lockout_notice",
      data: { lockedUntil: locked.lockedUntil },
      merchantId: merchant.id,
      ...("customer" in user ? { customerId: user.customer.id } : {}),
    });
  } catch (error) {
    log.warn({ err: error, table: locked.table, userId: locked.userId }, "lockout notice could not be sent");
  }
}
