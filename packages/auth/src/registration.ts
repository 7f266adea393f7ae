import {
  AppError,
  findDefaultPortalConfiguration,
  isRegistrationEnabled,
  sendTemplate,
  type Clock,
} from "@portico/core";
import {
  Customer,
  CustomerUser,
  OneTimeToken,
  queueAuditEvent,
  type EntityManager,
  type ICustomer,
} from "@portico/db";
import { registrationDisabled } from "./invitation-accept.js";
import { invitationUrl, queueLink, REGISTRATION_HOURS, type LinkDelivery } from "./invitation-links.js";
import { findMerchantForRecovery } from "./login-code.js";
import { normalizeEmail } from "./login.js";
import { randomToken } from "./random-token.js";
import { hashSecret } from "./secret-hash.js";

/**
 * Portal self-registration, when the merchant's default portal configuration enables it:
 * someone gives an e-mail; for each of the merchant's customers whose billing e-mail it is
 * and that has no login user with it yet, a 24-hour link is e-mailed (purpose
 * `email_verification`) that leads to the invitation landing, where the login is created
 * (invitation-accept.ts). The answer is the same whether anything matched or not.
 */

export interface RequestRegistrationInput extends LinkDelivery {
  merchantSlug?: string | undefined;
  email: string;
}

export interface RegistrationRequested {
  ok: true;
}

export async function requestRegistration(
  em: EntityManager,
  clock: Clock,
  input: RequestRegistrationInput,
): Promise<RegistrationRequested> {
  const merchant = await findMerchantForRecovery(em, input.merchantSlug);
  if (!merchant) throw new AppError("NOT_FOUND", "MERCHANT_NOT_FOUND", "No such merchant.");
  if (!isRegistrationEnabled(await findDefaultPortalConfiguration(em, merchant))) {
    throw registrationDisabled();
  }
  const email = normalizeEmail(input.email);
  const customers = await em.find(Customer, { merchant, email, deletedAt: null }, { orderBy: { id: "asc" } });
  // Customers where this e-mail already has a login (or an invitation, or was removed) are skipped.
  const users = customers.length
    ? await em.find(CustomerUser, { merchant, email, customer: { $in: customers } })
    : [];
  const taken = new Set(users.map((user) => user.customer.id));
  const open = customers.filter((customer) => !taken.has(customer.id));
  if (open.length === 0) {
    // The same token work as for a match; nothing is stored or sent.
    hashSecret(randomToken());
    return { ok: true };
  }
  const now = clock.now();
  const links: { customer: ICustomer; secret: string }[] = [];
  for (const customer of open) {
    // A new request replaces the links still open for this customer and e-mail.
    await em.nativeUpdate(
      OneTimeToken,
      { purpose: "email_verification", customer, email, consumedAt: null },
      { consumedAt: now },
    );
    const secret = queueLink(em, {
      purpose: "email_verification",
      subjectType: "customer_user",
      merchantId: merchant.id,
      customerId: customer.id,
      email,
      ip: input.ip,
      now,
      lifetimeHours: REGISTRATION_HOURS,
    });
    links.push({ customer, secret });
    queueAuditEvent(em, {
      merchant,
      customer: customer.id,
      actorType: "anonymous",
      action: "Auth.RegistrationRequested",
      targetType: "customer",
      targetId: customer.publicId,
      ip: input.ip,
      userAgent: input.userAgent,
      data: { email },
      at: now,
    });
  }
  await em.flush();
  for (const { customer, secret } of links) {
    await sendTemplate(em, input.mailer, {
      merchant: { merchantName: merchant.name },
      to: email,
      template: "registration",
      data: {
        registerUrl: invitationUrl(input.publicUrl, "portal", secret),
        accountName: customer.name,
        expiresInHours: REGISTRATION_HOURS,
      },
      merchantId: merchant.id,
      customerId: customer.id,
    });
  }
  return { ok: true };
}
