import {
  Merchant,
  OneTimeToken,
  queueAuditEvent,
  type CustomerEditableField,
  type EntityManager,
  type ICustomer,
} from "@portico/db";
import {
  AppError,
  assertEditable,
  emitEvent,
  findDefaultPortalConfiguration,
  normalizeBillingEmail,
  portalAuditActor,
  portalCustomer,
  sendTemplate,
  toPortalProfileDto,
  type Clock,
  type Mailer,
  type PendingEmailChangeDto,
  type PortalProfileDto,
  type PortalUserActor,
} from "@portico/core";
import { randomLoginCode, takeCodeAttempt } from "./login-code.js";
import { hashPassword, verifyPassword } from "./password.js";
import { MINUTE_MS } from "./settings.js";

/**
 * A customer changes its billing e-mail by proving the new address: a 6-digit code goes to
 * it, and only the code applies the change. Like sign-in codes (login-code.ts), codes are
 * argon2id hashes at rest, expire after EMAIL_CHANGE_CODE_MINUTES, die after
 * EMAIL_CHANGE_MAX_ATTEMPTS wrong guesses and work once; a new request replaces the open one. The code is bound to whoever asked (the
 * login user, or the account for a portal link).
 */

export const EMAIL_CHANGE_CODE_MINUTES = 10;
export const EMAIL_CHANGE_MAX_ATTEMPTS = 5;
/**
 * Codes one customer may ask for per window. Each one mails an address the caller typed,
 * and each new code resets the guesses: this bounds both.
 */
export const EMAIL_CHANGE_REQUESTS = { max: 3, windowMinutes: 15 } as const;

const invalidCode = () =>
  new AppError("BAD_REQUEST", "EMAIL_CHANGE_CODE_INVALID", "The code is wrong or no longer valid.", {
    details: { field: "code" },
  });

/** TOO_MANY_REQUESTS `RATE_LIMITED` (with `retryAfterSeconds`) past EMAIL_CHANGE_REQUESTS. */
async function assertRequestAllowed(em: EntityManager, customer: ICustomer, now: Date): Promise<void> {
  const since = new Date(now.getTime() - EMAIL_CHANGE_REQUESTS.windowMinutes * MINUTE_MS);
  const recent = await em.find(
    OneTimeToken,
    { purpose: "email_change", customer, createdAt: { $gt: since } },
    { orderBy: { createdAt: "desc" }, limit: EMAIL_CHANGE_REQUESTS.max, fields: ["createdAt"] },
  );
  if (recent.length < EMAIL_CHANGE_REQUESTS.max) return;
  const oldest = recent[recent.length - 1]!.createdAt.getTime();
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((oldest + EMAIL_CHANGE_REQUESTS.windowMinutes * MINUTE_MS - now.getTime()) / 1000),
  );
  throw new AppError("TOO_MANY_REQUESTS", "RATE_LIMITED", "Too many codes asked for; try again later.", {
    details: { retryAfterSeconds },
  });
}

/** Mails a code to `email` for the customer to confirm with confirmEmailChange. */
export async function requestEmailChange(
  em: EntityManager,
  clock: Clock,
  mailer: Mailer,
  actor: PortalUserActor,
  editable: readonly CustomerEditableField[],
  input: { email: string },
): Promise<PendingEmailChangeDto> {
  assertEditable(editable, ["email"]);
  const email = normalizeBillingEmail(input.email);
  const customer = await portalCustomer(em, actor);
  if (email === null || email === customer.email) {
    throw new AppError("BAD_REQUEST", "EMAIL_UNCHANGED", "This already is the billing e-mail.", {
      details: { field: "email" },
    });
  }
  const now = clock.now();
  await assertRequestAllowed(em, customer, now);
  const code = randomLoginCode();
  const tokenHash = await hashPassword(code);
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_CODE_MINUTES * MINUTE_MS);
  const audit = await portalAuditActor(em, actor);
  const branding = (await findDefaultPortalConfiguration(em, actor.merchantId))?.branding ?? {};
  const merchantName =
    branding.businessName?.trim() || (await em.findOneOrFail(Merchant, actor.merchantId)).name;

  await em.transactional(async (tx) => {
    await tx.nativeUpdate(
      OneTimeToken,
      { purpose: "email_change", customer, consumedAt: null },
      { consumedAt: now },
    );
    tx.create(OneTimeToken, {
      purpose: "email_change",
      subjectType: "customer_user",
      merchant: actor.merchantId,
      customer,
      customerUser: actor.customerUserId,
      email,
      tokenHash,
      ip: actor.ip?.slice(0, 64) ?? null,
      expiresAt,
      createdAt: now,
    });
    queueAuditEvent(tx, {
      merchant: actor.merchantId,
      customer,
      ...audit,
      action: "Customer.EmailChangeRequested",
      targetType: "customer",
      targetId: customer.publicId,
      at: now,
    });
    await sendTemplate(tx, mailer, {
      merchant: {
        merchantName,
        primaryColor: branding.primaryColor ?? null,
        logoUrl: branding.logoUrl ?? null,
      },
      to: email,
      template: "email_change_code",
      data: { code, expiresInMinutes: EMAIL_CHANGE_CODE_MINUTES },
      merchantId: actor.merchantId,
      customerId: customer.id,
    });
  });
  return { email, expiresAt: expiresAt.toISOString() };
}

/**
 * Applies the caller's pending e-mail change when `code` is right: BAD_REQUEST
 * `EMAIL_CHANGE_CODE_INVALID` for a wrong, expired, spent or missing code. Each guess first
 * takes an attempt slot in one atomic UPDATE, so parallel guesses cannot pass the limit.
 */
export async function confirmEmailChange(
  em: EntityManager,
  clock: Clock,
  actor: PortalUserActor,
  editable: readonly CustomerEditableField[],
  input: { code: string },
): Promise<PortalProfileDto> {
  assertEditable(editable, ["email"]);
  const customer = await portalCustomer(em, actor);
  const now = clock.now();
  const token = await em.findOne(
    OneTimeToken,
    {
      purpose: "email_change",
      customer,
      customerUser: actor.customerUserId,
      consumedAt: null,
      expiresAt: { $gt: now },
    },
    { orderBy: { id: "desc" } },
  );
  if (!token) throw invalidCode();
  const attempts = await takeCodeAttempt(em, token.id, EMAIL_CHANGE_MAX_ATTEMPTS);
  if (attempts === null) throw invalidCode();
  if (!(await verifyPassword(token.tokenHash, input.code))) {
    if (attempts >= EMAIL_CHANGE_MAX_ATTEMPTS) {
      await em.nativeUpdate(OneTimeToken, { id: token.id, consumedAt: null }, { consumedAt: now });
    }
    throw invalidCode();
  }
  const spent = await em.nativeUpdate(OneTimeToken, { id: token.id, consumedAt: null }, { consumedAt: now });
  if (spent !== 1) throw invalidCode();

  customer.email = token.email;
  queueAuditEvent(em, {
    merchant: actor.merchantId,
    customer,
    ...(await portalAuditActor(em, actor)),
    action: "Customer.Updated",
    targetType: "customer",
    targetId: customer.publicId,
    data: { fields: ["email"], via: "portal" },
    at: now,
  });
  await emitEvent(em, {
    merchantId: actor.merchantId,
    type: "customer.updated",
    data: customer,
    occurredAt: now,
  });
  await em.flush();
  return toPortalProfileDto(customer, editable, null);
}
