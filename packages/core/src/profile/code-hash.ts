import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * E-mailed 6-digit codes at rest. A code has only 10^6 values, so a plain SHA-256 would be
 * reversed offline at once: it is stored as a salted scrypt hash (Node's own, so core needs
 * no native module; auth's login codes use argon2id for the same reason).
 */

const PARAMS: ScryptOptions = { N: 2 ** 14, r: 8, p: 1 };
const KEY_BYTES = 32;
const PREFIX = "scrypt$14$8$1$";

function derive(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code, salt, KEY_BYTES, PARAMS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function randomSixDigitCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** `scrypt$14$8$1$<salt>$<key>` (base64url). */
export async function hashCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(code, salt);
  return `${PREFIX}${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** False for a wrong code and for a stored value this module did not write. */
export async function verifyCode(stored: string, code: string): Promise<boolean> {
  if (!stored.startsWith(PREFIX)) return false;
  const [salt, key] = stored.slice(PREFIX.length).split("$");
  if (!salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(code, Buffer.from(salt, "base64url"));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
