import { defineEntity, type InferEntity } from "@mikro-orm/core";
import { createdAtColumn, emailColumn, idColumn, publicIdColumn, secretHashColumn } from "./columns.js";
import { Customer, CustomerUser } from "./customer.js";
import { Merchant, MerchantUser } from "./merchant.js";
import { PortalSession } from "./portal.js";

/**
 * `merchant_user` and `customer_user` sessions belong to a login; `portal_link` sessions
 * come from redeeming a PortalSession and act for the customer without a customer user.
 */
export const AUTH_SUBJECT_TYPES = ["merchant_user", "customer_user", "portal_link"] as const;
export type AuthSubjectType = (typeof AUTH_SUBJECT_TYPES)[number];

/**
 * A signed-in session, after Lucia: the cookie holds `id.secret`, `id` is this row's key
 * and only the SHA-256 of the secret is stored (`secretHash`, 32 bytes, compared in
 * constant time). Ends at `idleExpiresAt` (slid on activity), `absoluteExpiresAt`, or
 * `revokedAt`.
 */
export const AuthSession = defineEntity({
  name: "AuthSession",
  tableName: "auth_session",
  properties: (p) => ({
    id: p.text().primary(),
    /** What session lists and "revoke this session" show: the row key is half of the credential. */
    publicId: publicIdColumn("sess"),
    secretHash: p.uint8array().hidden(),
    subjectType: p.enum([...AUTH_SUBJECT_TYPES]),
    merchant: () => p.manyToOne(Merchant).ref(),
    merchantUser: () => p.manyToOne(MerchantUser).ref().nullable().deleteRule("cascade"),
    customerUser: () => p.manyToOne(CustomerUser).ref().nullable().deleteRule("cascade"),
    customer: () => p.manyToOne(Customer).ref().nullable(),
    /** False until the second factor is passed; protected procedures refuse such sessions. */
    mfaVerified: p.boolean().default(false),
    /** The portal link this session was opened through (returnUrl, flow, configuration). */
    portalSession: () => p.manyToOne(PortalSession).ref().nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    createdAt: createdAtColumn(),
    lastActiveAt: p.datetime(),
    idleExpiresAt: p.datetime(),
    absoluteExpiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  }),
  indexes: [
    { properties: ["merchantUser"] },
    { properties: ["customerUser"] },
    { properties: ["absoluteExpiresAt"] },
  ],
});
export type IAuthSession = InferEntity<typeof AuthSession>;

export const ONE_TIME_TOKEN_PURPOSES = [
  "login_code",
  "magic_link",
  "password_reset",
  "email_verification",
  "email_change",
  "invitation",
  "mfa_challenge",
] as const;
export type OneTimeTokenPurpose = (typeof ONE_TIME_TOKEN_PURPOSES)[number];
export const ONE_TIME_TOKEN_SUBJECT_TYPES = ["merchant_user", "customer_user"] as const;
export type OneTimeTokenSubjectType = (typeof ONE_TIME_TOKEN_SUBJECT_TYPES)[number];

/**
 * A single-use secret sent by e-mail (6-digit code, reset / magic / invitation link) or
 * held between two login steps (MFA challenge). Only its hash is stored; `attempts` caps
 * guesses at short codes; `data` carries what the purpose needs (new e-mail, role…).
 */
export const OneTimeToken = defineEntity({
  name: "OneTimeToken",
  tableName: "one_time_token",
  properties: (p) => ({
    id: idColumn(),
    purpose: p.enum([...ONE_TIME_TOKEN_PURPOSES]),
    subjectType: p.enum([...ONE_TIME_TOKEN_SUBJECT_TYPES]),
    merchant: () => p.manyToOne(Merchant).ref().nullable(),
    merchantUser: () => p.manyToOne(MerchantUser).ref().nullable().deleteRule("cascade"),
    customerUser: () => p.manyToOne(CustomerUser).ref().nullable().deleteRule("cascade"),
    customer: () => p.manyToOne(Customer).ref().nullable(),
    email: emailColumn(),
    tokenHash: secretHashColumn().hidden(),
    attempts: p.integer().default(0),
    data: p.json<Record<string, unknown>>().nullable(),
    ip: p.string().length(64).nullable(),
    expiresAt: p.datetime(),
    consumedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  }),
  indexes: [{ properties: ["tokenHash"] }, { properties: ["email", "purpose"] }],
});
export type IOneTimeToken = InferEntity<typeof OneTimeToken>;

/** One of the ten MFA recovery codes of a merchant or customer user, stored hashed. */
export const RecoveryCode = defineEntity({
  name: "RecoveryCode",
  tableName: "recovery_code",
  properties: (p) => ({
    id: idColumn(),
    merchantUser: () => p.manyToOne(MerchantUser).ref().nullable().deleteRule("cascade"),
    customerUser: () => p.manyToOne(CustomerUser).ref().nullable().deleteRule("cascade"),
    codeHash: secretHashColumn().hidden(),
    usedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  }),
  indexes: [{ properties: ["merchantUser"] }, { properties: ["customerUser"] }],
  checks: [
    { name: "recovery_code_one_owner", expression: "num_nonnulls(merchant_user_id, customer_user_id) = 1" },
  ],
});
export type IRecoveryCode = InferEntity<typeof RecoveryCode>;

/**
 * Counters of `rate-limiter-flexible`'s RateLimiterPostgres, created here so the limiter
 * can be given `tableCreated: true` and `tableName: 'rate_limit_bucket'`. The shape is the
 * library's own (`key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0,
 * expire bigint`), in that column order, because it inserts with a positional
 * `INSERT … VALUES ($1, $2, $3)`. `expire` is epoch milliseconds.
 */
export const RateLimitBucket = defineEntity({
  name: "RateLimitBucket",
  tableName: "rate_limit_bucket",
  properties: (p) => ({
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    expire: p.bigint("number").nullable(),
  }),
  indexes: [{ properties: ["expire"] }],
});
export type IRateLimitBucket = InferEntity<typeof RateLimitBucket>;
