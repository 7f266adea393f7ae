import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { AppError, type Clock } from "@portico/core";
import { AuthSession, queueAuditEvent, type EntityManager, type IAuthSession } from "@portico/db";
import { randomBytes } from "node:crypto";
import { DEFAULT_AUTH_SETTINGS, MINUTE_MS, type AuthSettings } from "./settings.js";

/**
 * Sessions after the Lucia guide (lucia-auth.com, "Basic session implementation"):
 * the token is `<id>.<secret>`, both 160 random bits in lower-case base32; the row is keyed
 * by `id` and stores only SHA-256(secret), compared in constant time. A stolen database
 * therefore yields no usable token, and a lookup by id leaks no timing about the secret.
 */

/**
 * Who a session signs in: a console login, a portal login (numeric user key), or a redeemed
 * portal link (numeric PortalSession key), which acts for the customer without a login user.
 */
export type SessionSubject =
  | { type: "merchant_user"; userId: number }
  | { type: "customer_user"; userId: number }
  | { type: "portal_link"; portalSessionId: number };

export interface RequestInfo {
  ip?: string | null;
  userAgent?: string | null;
}

export interface CreateSessionInput extends RequestInfo {
  subject: SessionSubject;
  merchantId: number;
  /** The customer account, for portal sessions. */
  customerId?: number | null;
  /** False while a second factor is still owed (protected procedures refuse such sessions). */
  mfaVerified: boolean;
  settings?: AuthSettings;
}

export interface CreatedSession {
  /** `id.secret`: goes into the cookie, and nowhere else. */
  token: string;
  session: IAuthSession;
}

/** Slide the idle expiry at most this often, so a busy session does not write on every request. */
const SLIDE_INTERVAL_MS = MINUTE_MS;

const TOKEN_PATTERN = /^([a-z2-7]{32})\.([a-z2-7]{32})$/;

function randomPart(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

function hashSessionSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

function idleExpiry(now: Date, absolute: Date, settings: AuthSettings): Date {
  return new Date(Math.min(now.getTime() + settings.sessionIdleMinutes * MINUTE_MS, absolute.getTime()));
}

/** A new session (a new id on every sign-in, so a planted id is never promoted). */
export async function createSession(
  em: EntityManager,
  clock: Clock,
  input: CreateSessionInput,
): Promise<CreatedSession> {
  const settings = input.settings ?? DEFAULT_AUTH_SETTINGS;
  const now = clock.now();
  const id = randomPart();
  const secret = randomPart();
  const absoluteExpiresAt = new Date(now.getTime() + settings.sessionAbsoluteHours * 60 * MINUTE_MS);
  const session = em.create(AuthSession, {
    id,
    secretHash: hashSessionSecret(secret),
    subjectType: input.subject.type,
    merchant: input.merchantId,
    merchantUser: input.subject.type === "merchant_user" ? input.subject.userId : null,
    customerUser: input.subject.type === "customer_user" ? input.subject.userId : null,
    portalSession: input.subject.type === "portal_link" ? input.subject.portalSessionId : null,
    customer: input.customerId ?? null,
    mfaVerified: input.mfaVerified,
    ip: input.ip?.slice(0, 64) ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    createdAt: now,
    lastActiveAt: now,
    idleExpiresAt: idleExpiry(now, absoluteExpiresAt, settings),
    absoluteExpiresAt,
  });
  await em.flush();
  return { token: `${id}.${secret}`, session };
}

/**
 * The live session a token names, or null: unknown id, wrong secret, revoked, idle or
 * absolutely expired all read the same. Slides the idle expiry (written at most once a
 * minute).
 */
export async function validateSessionToken(
  em: EntityManager,
  clock: Clock,
  token: string,
  settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
): Promise<IAuthSession | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const session = await em.findOne(AuthSession, { id });
  if (!session) return null;
  if (!constantTimeEqual(hashSessionSecret(secret), session.secretHash)) return null;
  const now = clock.now();
  if (!isLive(session, now)) return null;
  if (now.getTime() - session.lastActiveAt.getTime() >= SLIDE_INTERVAL_MS) {
    session.lastActiveAt = now;
    session.idleExpiresAt = idleExpiry(now, session.absoluteExpiresAt, settings);
    await em.flush();
  }
  return session;
}

export function isLive(session: IAuthSession, now: Date): boolean {
  return (
    session.revokedAt === null &&
    session.idleExpiresAt.getTime() > now.getTime() &&
    session.absoluteExpiresAt.getTime() > now.getTime()
  );
}

function subjectFilter(subject: SessionSubject) {
  switch (subject.type) {
    case "merchant_user":
      return { subjectType: subject.type, merchantUser: subject.userId };
    case "customer_user":
      return { subjectType: subject.type, customerUser: subject.userId };
    case "portal_link":
      return { subjectType: subject.type, portalSession: subject.portalSessionId };
  }
}

function liveFilter(now: Date) {
  return { revokedAt: null, idleExpiresAt: { $gt: now }, absoluteExpiresAt: { $gt: now } };
}

/** The subject's live sessions, most recently active first. */
export async function listSessions(
  em: EntityManager,
  clock: Clock,
  subject: SessionSubject,
): Promise<IAuthSession[]> {
  return em.find(
    AuthSession,
    { ...subjectFilter(subject), ...liveFilter(clock.now()) },
    { orderBy: { lastActiveAt: "desc", createdAt: "desc" } },
  );
}

export interface RevokeInput extends RequestInfo {
  /** Public id of the actor for the audit trail. */
  actorId: string;
}

const ACTOR_TYPES = {
  merchant_user: "merchant_user",
  customer_user: "customer_user",
  // A link session has no login user: whoever holds the browser acts anonymously.
  portal_link: "anonymous",
} as const;

function auditRevoked(em: EntityManager, session: IAuthSession, now: Date, input: RevokeInput, data = {}) {
  queueAuditEvent(em, {
    merchant: session.merchant.id,
    customer: session.customer?.id ?? null,
    actorType: ACTOR_TYPES[session.subjectType],
    actorId: input.actorId,
    action: "Auth.SessionRevoked",
    targetType: "auth_session",
    targetId: session.publicId,
    ip: input.ip,
    userAgent: input.userAgent,
    data,
    at: now,
  });
}

/** Ends one session by its row id (logout); false when it was already over. */
export async function revokeSessionById(
  em: EntityManager,
  clock: Clock,
  sessionId: string,
  input: RevokeInput,
): Promise<boolean> {
  const session = await em.findOne(AuthSession, { id: sessionId, revokedAt: null });
  if (!session) return false;
  const now = clock.now();
  session.revokedAt = now;
  auditRevoked(em, session, now, input, { reason: "logout" });
  await em.flush();
  return true;
}

/**
 * Ends one of the subject's own sessions, named by its public id (`sess_…`). Another
 * subject's session is NOT_FOUND, as an unknown one.
 */
export async function revokeSession(
  em: EntityManager,
  clock: Clock,
  subject: SessionSubject,
  sessionPublicId: string,
  input: RevokeInput,
): Promise<IAuthSession> {
  const session = await em.findOne(AuthSession, { ...subjectFilter(subject), publicId: sessionPublicId });
  if (!session) throw new AppError("NOT_FOUND", "SESSION_NOT_FOUND", "No such session.");
  if (session.revokedAt === null) {
    const now = clock.now();
    session.revokedAt = now;
    auditRevoked(em, session, now, input);
    await em.flush();
  }
  return session;
}

/** Ends every live session of the subject ("log out everywhere"), but `except` (a row id). */
export async function revokeAllSessions(
  em: EntityManager,
  clock: Clock,
  subject: SessionSubject,
  input: RevokeInput & { except?: string | null },
): Promise<number> {
  const now = clock.now();
  const sessions = await em.find(AuthSession, { ...subjectFilter(subject), ...liveFilter(now) });
  let count = 0;
  for (const session of sessions) {
    if (session.id === input.except) continue;
    session.revokedAt = now;
    auditRevoked(em, session, now, input, { reason: "revoke_all" });
    count++;
  }
  await em.flush();
  return count;
}
