import { AppError, type Clock } from "@portico/core";
import {
  ApiKey,
  newPublicId,
  queueAuditEvent,
  type ApiKeyMode,
  type EntityManager,
  type IApiKey,
} from "@portico/db";
import type { RequestOrigin } from "./request-origin.js";
import { randomToken } from "./random-token.js";
import { hashSecret, secretMatches } from "./secret-hash.js";

/**
 * Accepted key shape: `sk_test_` / `sk_live_` then 24–128 letters or digits. Generated keys
 * carry 32 base32 characters (160 bits); the wider alphabet admits a known demo key
 * (PORTICO_DEMO_API_KEY), which the seed stores the same way (SHA-256 hex, 12-char prefix).
 */
const API_KEY_PATTERN = /^sk_(test|live)_[A-Za-z0-9]{24,128}$/;
export const API_KEY_PREFIX_LENGTH = 12;
/** lastUsedAt is written at most this often per key, so busy keys do not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  mode: ApiKeyMode;
  lastUsedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export function toApiKeyDto(key: IApiKey): ApiKeyDto {
  return {
    id: key.publicId,
    name: key.name,
    prefix: key.prefix,
    mode: key.mode,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export interface CreateApiKeyInput {
  merchantId: number;
  name: string;
  mode: ApiKeyMode;
  /** The console user creating it (numeric id), if any. */
  createdBy?: number | null;
  expiresAt?: Date | null;
  origin?: RequestOrigin;
}

/** A new key. `key` is shown once: only its SHA-256 and its first 12 characters are stored. */
export async function createApiKey(
  em: EntityManager,
  clock: Clock,
  input: CreateApiKeyInput,
): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const now = clock.now();
  const key = `sk_${input.mode}_${randomToken()}`;
  const apiKey = em.create(ApiKey, {
    merchant: input.merchantId,
    name: input.name,
    publicId: newPublicId("key"),
    prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
    secretHash: hashSecret(key),
    mode: input.mode,
    expiresAt: input.expiresAt ?? null,
    createdBy: input.createdBy ?? null,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(em, {
    merchant: input.merchantId,
    actorType: input.createdBy ? "merchant_user" : "system",
    action: "ApiKey.Created",
    targetType: "api_key",
    targetId: apiKey.publicId,
    data: { prefix: apiKey.prefix, mode: apiKey.mode },
    at: now,
    ...input.origin,
  });
  await em.flush();
  return { key, apiKey: toApiKeyDto(apiKey) };
}

/** Who an authenticated API key speaks for. Ids are internal (numeric) except apiKeyPublicId. */
export interface ApiKeyAuth {
  merchantId: number;
  apiKeyId: number;
  apiKeyPublicId: string;
  mode: ApiKeyMode;
}

const invalidApiKey = () => new AppError("UNAUTHORIZED", "INVALID_API_KEY", "Invalid API key.");

/**
 * The merchant behind a presented `sk_…` key. Unknown, malformed, revoked and expired keys
 * all fail the same way (UNAUTHORIZED `INVALID_API_KEY`), so the answer reveals nothing.
 */
export async function authenticateApiKey(
  em: EntityManager,
  clock: Clock,
  presented: string,
): Promise<ApiKeyAuth> {
  const shape = API_KEY_PATTERN.exec(presented);
  if (!shape) throw invalidApiKey();
  const apiKey = await em.findOne(ApiKey, { secretHash: hashSecret(presented) });
  const now = clock.now();
  if (
    !apiKey ||
    !secretMatches(apiKey.secretHash, presented) ||
    apiKey.mode !== shape[1] ||
    apiKey.revokedAt ||
    (apiKey.expiresAt && apiKey.expiresAt <= now)
  ) {
    throw invalidApiKey();
  }
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // One conditional statement: concurrent requests write it once, and the caller's
    // pending changes on `em` are not flushed as a side effect.
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await em.nativeUpdate(
      ApiKey,
      { id: apiKey.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: staleBefore } }] },
      { lastUsedAt: now },
    );
  }
  return {
    merchantId: apiKey.merchant.id,
    apiKeyId: apiKey.id,
    apiKeyPublicId: apiKey.publicId,
    mode: apiKey.mode,
  };
}

/** Revokes one of the merchant's keys (idempotent); another merchant's key is NOT_FOUND. */
export async function revokeApiKey(
  em: EntityManager,
  clock: Clock,
  input: { merchantId: number; id: string; revokedBy?: number | null; origin?: RequestOrigin },
): Promise<ApiKeyDto> {
  const apiKey = await em.findOne(ApiKey, { publicId: input.id, merchant: input.merchantId });
  if (!apiKey) throw new AppError("NOT_FOUND", "API_KEY_NOT_FOUND", "No such API key.");
  if (!apiKey.revokedAt) {
    const now = clock.now();
    apiKey.revokedAt = now;
    queueAuditEvent(em, {
      merchant: input.merchantId,
      actorType: input.revokedBy ? "merchant_user" : "system",
      action: "ApiKey.Revoked",
      targetType: "api_key",
      targetId: apiKey.publicId,
      data: { prefix: apiKey.prefix },
      at: now,
      ...input.origin,
    });
    await em.flush();
  }
  return toApiKeyDto(apiKey);
}

/** The merchant's keys, newest first, revoked ones included (the console greys them out). */
export async function listApiKeys(em: EntityManager, input: { merchantId: number }): Promise<ApiKeyDto[]> {
  const keys = await em.find(
    ApiKey,
    { merchant: input.merchantId },
    { orderBy: { createdAt: "desc", id: "desc" } },
  );
  return keys.map(toApiKeyDto);
}
