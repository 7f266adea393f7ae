import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../clock.js";

/**
 * Short-lived download links without a session: `GET /files/<token>` where
 *
 *     <file public id>.<customer public id>.<expiry, unix seconds>.<HMAC-SHA256, base64url>
 *
 * The server derives the HMAC key from its encryption key (never the key itself) and hands
 * it to core as bytes. The token names the customer, and the file is looked up with it,
 * so a valid token for one customer's file can never fetch another's. Nothing is stored:
 * a token cannot be revoked, hence the short lifetime.
 */

/** The purpose the server derives the HMAC key for (SecretKeyring.deriveKey), the same in every process. */
export const DOWNLOAD_KEY_PURPOSE = "download-tokens";

export interface DownloadTokenClaims {
  /** `file_…` */
  fileId: string;
  /** `cus_…` */
  customerId: string;
  expiresAt: Date;
}

/** A key shorter than this is a configuration bug, not a key. */
const MIN_KEY_BYTES = 32;
const DOMAIN = "portico download token v1\0";
const PUBLIC_ID = /^[a-z]+_[a-z0-9]+$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function sign(key: Uint8Array, payload: string): string {
  if (key.byteLength < MIN_KEY_BYTES)
    throw new Error(`a download signing key has at least ${MIN_KEY_BYTES} bytes`);
  return createHmac("sha256", key).update(DOMAIN).update(payload).digest("base64url");
}

/** A token for `fileId` of `customerId`, valid `expiresInSeconds` from now on `clock`. */
export function createDownloadToken(
  key: Uint8Array,
  clock: Clock,
  input: { fileId: string; customerId: string; expiresInSeconds: number },
): { token: string; expiresAt: Date } {
  if (!PUBLIC_ID.test(input.fileId) || !PUBLIC_ID.test(input.customerId)) {
    throw new Error("download tokens name a file and a customer by public id");
  }
  const expiry = Math.floor(clock.now().getTime() / 1000) + Math.max(1, Math.floor(input.expiresInSeconds));
  const payload = `${input.fileId}.${input.customerId}.${expiry}`;
  return { token: `${payload}.${sign(key, payload)}`, expiresAt: new Date(expiry * 1000) };
}

/** The claims of a token signed with `key` and not expired on `clock`; null for anything else. */
export function verifyDownloadToken(
  key: Uint8Array,
  clock: Clock,
  token: string,
): DownloadTokenClaims | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [fileId, customerId, expiryText, signature] = parts as [string, string, string, string];
  if (!PUBLIC_ID.test(fileId) || !PUBLIC_ID.test(customerId) || !/^\d{1,12}$/.test(expiryText)) return null;
  if (!SIGNATURE.test(signature)) return null;
  const expected = Buffer.from(sign(key, `${fileId}.${customerId}.${expiryText}`), "base64url");
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = new Date(Number(expiryText) * 1000);
  if (expiresAt.getTime() <= clock.now().getTime()) return null;
  return { fileId, customerId, expiresAt };
}
