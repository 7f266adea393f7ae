import { AppError, resolveCustomer, type Clock } from "@portico/core";
import {
  AuthSession,
  Invoice,
  PORTAL_FLOW_TYPES,
  PortalConfiguration,
  PortalSession,
  Price,
  Subscription,
  newPublicId,
  type EntityManager,
  type ICustomer,
  type IPortalSession,
  type PortalFlow,
  queueAuditEvent,
} from "@portico/db";
import type { RequestOrigin } from "./request-origin.js";
import { RANDOM_TOKEN_PATTERN, randomToken } from "./random-token.js";
import { hashSecret } from "./secret-hash.js";

/** Link lifetime bounds in seconds: 5 minutes to 24 hours, 1 hour unless asked. */
export const PORTAL_LINK_MIN_SECONDS = 300;
export const PORTAL_LINK_MAX_SECONDS = 86_400;
export const PORTAL_LINK_DEFAULT_SECONDS = 3_600;

const SECRET_PATTERN = new RegExp(`^${RANDOM_TOKEN_PATTERN}$`);

export interface CreatePortalLinkInput {
  merchantId: number;
  /** Portico's customer id (`cus_…`) or the merchant's external id. */
  customer: string;
  returnUrl?: string | null;
  /** A PortalConfiguration public id (`bpc_…`); omitted uses the merchant's default. */
  configuration?: string | null;
  flow?: PortalFlow | null;
  locale?: string | null;
  expiresInSeconds?: number;
  /** The API key creating the link (numeric id and public id, for the audit trail). */
  apiKeyId: number | null;
  apiKeyPublicId?: string | null;
  /** Where this Portico is reached, without a trailing slash (`https://billing.example.com`). */
  publicUrl: string;
  origin?: RequestOrigin;
}

export interface CreatedPortalLink {
  id: string;
  /** `<publicUrl>/portal/s/<secret>`: shown once, works once. */
  url: string;
  expiresAt: Date;
}

function badRequest(reason: string, message: string): AppError {
  return new AppError("BAD_REQUEST", reason, message);
}

function assertHttpUrl(value: string, reason: string, what: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest(reason, `${what} is not a URL.`);
  }
  // The portal redirects here: anything but http(s) (javascript:, data:) would be an XSS.
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw badRequest(reason, `${what} must be http(s).`);
}

/** Checks a flow's references against the customer; ids inside flows are public ids. */
async function validateFlow(em: EntityManager, customer: ICustomer, flow: PortalFlow): Promise<void> {
  if (!PORTAL_FLOW_TYPES.includes(flow.type)) throw badRequest("INVALID_FLOW", "Unknown flow type.");
  const merchant = customer.merchant.id;
  const needsSubscription = flow.type.startsWith("subscription_");
  if (needsSubscription) {
    if (!flow.subscription) throw badRequest("INVALID_FLOW", `Flow ${flow.type} needs a subscription.`);
    const owned = await em.count(Subscription, { publicId: flow.subscription, merchant, customer });
    if (!owned)
      throw new AppError("NOT_FOUND", "SUBSCRIPTION_NOT_FOUND", "No such subscription for this customer.");
  } else if (flow.subscription) {
    throw badRequest("INVALID_FLOW", `Flow ${flow.type} takes no subscription.`);
  }
  if (flow.type === "invoice_pay") {
    if (!flow.invoice) throw badRequest("INVALID_FLOW", "Flow invoice_pay needs an invoice.");
    const owned = await em.count(Invoice, { publicId: flow.invoice, merchant, customer });
    if (!owned) throw new AppError("NOT_FOUND", "INVOICE_NOT_FOUND", "No such invoice for this customer.");
  } else if (flow.invoice) {
    throw badRequest("INVALID_FLOW", `Flow ${flow.type} takes no invoice.`);
  }
  if (flow.type === "subscription_update_confirm") {
    const prices = [...new Set((flow.items ?? []).map((item) => item.price))];
    if (prices.length === 0)
      throw badRequest("INVALID_FLOW", "Flow subscription_update_confirm needs items.");
    const known = await em.count(Price, { publicId: { $in: prices }, merchant });
    if (known !== prices.length) throw new AppError("NOT_FOUND", "PRICE_NOT_FOUND", "No such price.");
  } else if (flow.items) {
    throw badRequest("INVALID_FLOW", `Flow ${flow.type} takes no items.`);
  }
  if (flow.afterCompletion?.type === "redirect") {
    if (!flow.afterCompletion.redirectUrl)
      throw badRequest("INVALID_FLOW", "A redirect needs a redirectUrl.");
    assertHttpUrl(flow.afterCompletion.redirectUrl, "INVALID_FLOW", "redirectUrl");
  }
}

/**
 * A portal link for one of the merchant's customers. The URL carries a 160-bit single-use
 * secret; only its SHA-256 is stored. Another merchant's customer or configuration is
 * NOT_FOUND, exactly as an unknown one.
 */
export async function createPortalLink(
  em: EntityManager,
  clock: Clock,
  input: CreatePortalLinkInput,
): Promise<CreatedPortalLink> {
  const seconds = input.expiresInSeconds ?? PORTAL_LINK_DEFAULT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < PORTAL_LINK_MIN_SECONDS || seconds > PORTAL_LINK_MAX_SECONDS) {
    throw new AppError(
      "BAD_REQUEST",
      "PORTAL_LINK_LIFETIME_OUT_OF_RANGE",
      `A portal link lives ${PORTAL_LINK_MIN_SECONDS} to ${PORTAL_LINK_MAX_SECONDS} seconds.`,
      { details: { min: PORTAL_LINK_MIN_SECONDS, max: PORTAL_LINK_MAX_SECONDS } },
    );
  }
  if (input.returnUrl) assertHttpUrl(input.returnUrl, "INVALID_RETURN_URL", "returnUrl");
  const customer = await resolveCustomer(em, input.merchantId, input.customer);
  let configuration = null;
  if (input.configuration) {
    configuration = await em.findOne(PortalConfiguration, {
      publicId: input.configuration,
      merchant: input.merchantId,
    });
    if (!configuration) {
      throw new AppError("NOT_FOUND", "CONFIGURATION_NOT_FOUND", "No such portal configuration.");
    }
    if (!configuration.active) {
      throw badRequest("CONFIGURATION_INACTIVE", "This portal configuration is inactive.");
    }
  }
  if (input.flow) await validateFlow(em, customer, input.flow);

  const now = clock.now();
  const secret = randomToken();
  const expiresAt = new Date(now.getTime() + seconds * 1000);
  const session = em.create(PortalSession, {
    publicId: newPublicId("ps"),
    merchant: input.merchantId,
    customer,
    configuration,
    secretHash: hashSecret(secret),
    flow: input.flow ?? null,
    returnUrl: input.returnUrl ?? null,
    locale: input.locale ?? null,
    expiresAt,
    createdByApiKey: input.apiKeyId,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(em, {
    merchant: input.merchantId,
    customer: customer.id,
    actorType: input.apiKeyId ? "api_key" : "system",
    actorId: input.apiKeyPublicId ?? null,
    action: "Portal.LinkCreated",
    targetType: "portal_session",
    targetId: session.publicId,
    data: { customer: customer.publicId, flow: input.flow?.type ?? null, expiresAt: expiresAt.toISOString() },
    at: now,
    ...input.origin,
  });
  await em.flush();
  return {
    id: session.publicId,
    url: `${input.publicUrl.replace(/\/+$/, "")}/portal/s/${secret}`,
    expiresAt,
  };
}

/** A consumed link: the session row (configuration loaded) and its customer. */
export interface RedeemedPortalLink {
  portalSession: IPortalSession;
  customer: ICustomer;
  merchantId: number;
  customerId: number;
}

const invalidLink = () =>
  new AppError(
    "UNAUTHORIZED",
    "PORTAL_LINK_INVALID",
    "This portal link is invalid, expired or already used.",
  );

/**
 * Exchanges a link's secret, once. The consumption is one conditional UPDATE … RETURNING:
 * PostgreSQL re-checks `redeemed_at IS NULL` on the row it locks, so of two parallel
 * redemptions exactly one gets a row back. Used, expired, revoked and unknown secrets are
 * one error (no oracle). Run inside the caller's transaction, the consumption commits or
 * rolls back with what the caller builds on it (the customer session).
 */
export async function redeemPortalLink(
  em: EntityManager,
  clock: Clock,
  secret: string,
  origin?: RequestOrigin,
): Promise<RedeemedPortalLink> {
  if (!SECRET_PATTERN.test(secret)) throw invalidLink();
  const now = clock.now();
  const rows = await em.execute<{ id: string | number }[]>(
    `update "portal_session" set "redeemed_at" = ?, "updated_at" = ?
      where "secret_hash" = ? and "redeemed_at" is null and "revoked_at" is null and "expires_at" > ?
      returning "id"`,
    [now, now, hashSecret(secret), now],
  );
  const row = rows[0];
  if (!row) throw invalidLink();
  const portalSession = await em.findOneOrFail(
    PortalSession,
    { id: Number(row.id) },
    { populate: ["customer", "configuration"], refresh: true },
  );
  const customer = portalSession.customer.getEntity();
  if (customer.deletedAt) throw invalidLink();
  queueAuditEvent(em, {
    merchant: portalSession.merchant.id,
    customer: customer.id,
    actorType: "anonymous",
    action: "Portal.LinkRedeemed",
    targetType: "portal_session",
    targetId: portalSession.publicId,
    data: { customer: customer.publicId },
    at: now,
    ...origin,
  });
  await em.flush();
  return { portalSession, customer, merchantId: portalSession.merchant.id, customerId: customer.id };
}

/** Revokes one of the merchant's unredeemed or redeemed links (idempotent). */
export async function revokePortalLink(
  em: EntityManager,
  clock: Clock,
  input: { merchantId: number; id: string; apiKeyPublicId?: string | null; origin?: RequestOrigin },
): Promise<{ id: string; revokedAt: Date }> {
  const session = await em.findOne(PortalSession, { publicId: input.id, merchant: input.merchantId });
  if (!session) throw new AppError("NOT_FOUND", "PORTAL_LINK_NOT_FOUND", "No such portal link.");
  if (!session.revokedAt) {
    const now = clock.now();
    session.revokedAt = now;
    queueAuditEvent(em, {
      merchant: input.merchantId,
      customer: session.customer.id,
      actorType: input.apiKeyPublicId ? "api_key" : "system",
      actorId: input.apiKeyPublicId ?? null,
      action: "Portal.LinkRevoked",
      targetType: "portal_session",
      targetId: session.publicId,
      at: now,
      ...input.origin,
    });
    await em.flush();
    // A redeemed link's customer session ends with it.
    await em.nativeUpdate(AuthSession, { portalSession: session.id, revokedAt: null }, { revokedAt: now });
  }
  return { id: session.publicId, revokedAt: session.revokedAt };
}
