import { AppError, resolveCustomer, type Clock } from "@portico/core";
import {
  CUSTOMER_TOKEN_SCOPES,
  CustomerToken,
  type CustomerTokenScope,
  newPublicId,
  type EntityManager,
  queueAuditEvent,
} from "@portico/db";
import type { RequestOrigin } from "./request-origin.js";
import { RANDOM_TOKEN_PATTERN, randomToken } from "./random-token.js";
import { hashSecret, secretMatches } from "./secret-hash.js";

export { CUSTOMER_TOKEN_SCOPES, type CustomerTokenScope };

/** Token lifetime bounds in seconds: 1 minute to 24 hours, 1 hour unless asked. */
export const CUSTOMER_TOKEN_MIN_SECONDS = 60;
export const CUSTOMER_TOKEN_MAX_SECONDS = 86_400;
export const CUSTOMER_TOKEN_DEFAULT_SECONDS = 3_600;
const TOKEN_PREFIX = "cst_";
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}${RANDOM_TOKEN_PATTERN}$`);
const VISIBLE_PREFIX_LENGTH = 12;
const LAST_USED_RESOLUTION_MS = 60_000;

export function isCustomerTokenScope(value: string): value is CustomerTokenScope {
  return (CUSTOMER_TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Whether `scopes` grant `required`; `<resource>:write` implies `<resource>:read`. */
export function hasScope(scopes: readonly string[], required: CustomerTokenScope): boolean {
  if (scopes.includes(required)) return true;
  const [resource, access] = required.split(":");
  return access === "read" && scopes.includes(`${resource}:write`);
}

export interface CreateCustomerTokenInput {
  merchantId: number;
  /** Portico's customer id (`cus_…`) or the merchant's external id. */
  customer: string;
  scopes: readonly string[];
  expiresInSeconds?: number;
  apiKeyId: number | null;
  apiKeyPublicId?: string | null;
  origin?: RequestOrigin;
}

export interface CreatedCustomerToken {
  /** `cst_…`: shown once; only its SHA-256 is stored. */
  token: string;
  id: string;
  customer: string;
  expiresAt: Date;
  scopes: CustomerTokenScope[];
}

/** A scoped bearer token for one of the merchant's customers. */
export async function createCustomerToken(
  em: EntityManager,
  clock: Clock,
  input: CreateCustomerTokenInput,
): Promise<CreatedCustomerToken> {
  const scopes = [...new Set(input.scopes)];
  const unknown = scopes.filter((scope) => !isCustomerTokenScope(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new AppError("BAD_REQUEST", "INVALID_SCOPE", "Give one or more known scopes.", {
      details: { unknown, allowed: [...CUSTOMER_TOKEN_SCOPES] },
    });
  }
  const seconds = input.expiresInSeconds ?? CUSTOMER_TOKEN_DEFAULT_SECONDS;
  if (
    !Number.isInteger(seconds) ||
    seconds < CUSTOMER_TOKEN_MIN_SECONDS ||
    seconds > CUSTOMER_TOKEN_MAX_SECONDS
  ) {
    throw new AppError(
      "BAD_REQUEST",
      "CUSTOMER_TOKEN_LIFETIME_OUT_OF_RANGE",
      `A customer token lives ${CUSTOMER_TOKEN_MIN_SECONDS} to ${CUSTOMER_TOKEN_MAX_SECONDS} seconds.`,
      { details: { min: CUSTOMER_TOKEN_MIN_SECONDS, max: CUSTOMER_TOKEN_MAX_SECONDS } },
    );
  }
  const customer = await resolveCustomer(em, input.merchantId, input.customer);
  const now = clock.now();
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const expiresAt = new Date(now.getTime() + seconds * 1000);
  const row = em.create(CustomerToken, {
    publicId: newPublicId("cst"),
    merchant: input.merchantId,
    customer,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, VISIBLE_PREFIX_LENGTH),
    scopes: scopes as CustomerTokenScope[],
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
    action: "Portal.CustomerTokenCreated",
    targetType: "customer_token",
    targetId: row.publicId,
    data: { customer: customer.publicId, scopes, expiresAt: expiresAt.toISOString() },
    at: now,
    ...input.origin,
  });
  await em.flush();
  return { token, id: row.publicId, customer: customer.publicId, expiresAt, scopes: row.scopes };
}

/** Who a presented `cst_…` token speaks for. Ids are internal (numeric). */
export interface CustomerTokenAuth {
  merchantId: number;
  customerId: number;
  scopes: CustomerTokenScope[];
  tokenId: number;
}

const invalidToken = () =>
  new AppError("UNAUTHORIZED", "INVALID_CUSTOMER_TOKEN", "Invalid or expired customer token.");

/** Unknown, malformed, expired and revoked tokens (and deleted customers) fail alike. */
export async function authenticateCustomerToken(
  em: EntityManager,
  clock: Clock,
  presented: string,
): Promise<CustomerTokenAuth> {
  if (!TOKEN_PATTERN.test(presented)) throw invalidToken();
  const token = await em.findOne(
    CustomerToken,
    { tokenHash: hashSecret(presented) },
    { populate: ["customer"] },
  );
  const now = clock.now();
  if (
    !token ||
    !secretMatches(token.tokenHash, presented) ||
    token.revokedAt ||
    token.expiresAt <= now ||
    token.customer.getEntity().deletedAt
  ) {
    throw invalidToken();
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await em.nativeUpdate(
      CustomerToken,
      { id: token.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: staleBefore } }] },
      { lastUsedAt: now },
    );
  }
  return {
    merchantId: token.merchant.id,
    customerId: token.customer.id,
    scopes: [...token.scopes],
    tokenId: token.id,
  };
}

/** Authenticates and requires one scope: FORBIDDEN `SCOPE_MISSING` when the token lacks it. */
export async function authenticateCustomerTokenWithScope(
  em: EntityManager,
  clock: Clock,
  presented: string,
  required: CustomerTokenScope,
): Promise<CustomerTokenAuth> {
  const auth = await authenticateCustomerToken(em, clock, presented);
  if (!hasScope(auth.scopes, required)) {
    throw new AppError("FORBIDDEN", "SCOPE_MISSING", `This token lacks the ${required} scope.`, {
      details: { required },
    });
  }
  return auth;
}

/** Revokes one of the merchant's tokens (idempotent); another merchant's token is NOT_FOUND. */
export async function revokeCustomerToken(
  em: EntityManager,
  clock: Clock,
  input: { merchantId: number; id: string; apiKeyPublicId?: string | null; origin?: RequestOrigin },
): Promise<{ id: string; revokedAt: Date }> {
  const token = await em.findOne(CustomerToken, { publicId: input.id, merchant: input.merchantId });
  if (!token) throw new AppError("NOT_FOUND", "CUSTOMER_TOKEN_NOT_FOUND", "No such customer token.");
  let revokedAt = token.revokedAt;
  if (!revokedAt) {
    revokedAt = clock.now();
    token.revokedAt = revokedAt;
    queueAuditEvent(em, {
      merchant: input.merchantId,
      customer: token.customer.id,
      actorType: input.apiKeyPublicId ? "api_key" : "system",
      actorId: input.apiKeyPublicId ?? null,
      action: "Portal.CustomerTokenRevoked",
      targetType: "customer_token",
      targetId: token.publicId,
      at: revokedAt,
      ...input.origin,
    });
    await em.flush();
  }
  return { id: token.publicId, revokedAt };
}
