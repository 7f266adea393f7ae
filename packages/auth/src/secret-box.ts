import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";

/**
 * Secrets the server must read back (TOTP keys) are stored sealed with AES-256-GCM:
 *
 *     v1.<keyId>.<iv>.<ciphertext>.<tag>        (each part base64url)
 *
 * A random 96-bit IV per value, the 128-bit tag checked on open, and associated data
 * naming the row the value belongs to (`merchant_user.totp_secret:mu_…`), so a value
 * copied into another row does not open. The key id (a hash prefix of the key, not the
 * key) says which key sealed a value: new values use the current key, values sealed by a
 * previous key still open, so keys can be rotated without a migration.
 */
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** 32 bytes in base64 (`openssl rand -base64 32`) or base64url, padding optional. */
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

export interface OpenedSecret {
  plaintext: string;
  /** Sealed with a previous key: seal it again with the current one when convenient. */
  stale: boolean;
}

interface KeyEntry {
  id: string;
  key: KeyObject;
}

/** A new random key, base64: what PORTICO_ENCRYPTION_KEY holds. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

/** True when `text` is a 32-byte key in base64 or base64url. */
export function isEncryptionKey(text: string): boolean {
  return KEY_TEXT.test(text.trim());
}

function keyEntry(text: string): KeyEntry {
  if (!isEncryptionKey(text)) {
    throw new Error("An encryption key must be 32 random bytes in base64 (openssl rand -base64 32).");
  }
  const bytes = Buffer.from(text.trim(), "base64");
  const id = createHash("sha256")
    .update("portico secret-box key id\0")
    .update(bytes)
    .digest("base64url")
    .slice(0, 8);
  // A KeyObject: the key bytes never show up when the keyring is inspected or logged.
  return { id, key: createSecretKey(bytes) };
}

const associatedData = (header: string, context: string) => Buffer.from(`${header}|${context}`, "utf8");

/**
 * The current key plus any previous ones. Key material lives in private fields and
 * KeyObjects, so logging or serialising a keyring shows its key ids only.
 */
export class SecretKeyring {
  readonly #current: KeyEntry;
  readonly #byId = new Map<string, KeyObject>();

  /** Throws when a key is not 32 bytes of base64. */
  constructor(current: string, previous: readonly string[] = []) {
    this.#current = keyEntry(current);
    for (const entry of [this.#current, ...previous.map(keyEntry)]) {
      if (!this.#byId.has(entry.id)) this.#byId.set(entry.id, entry.key);
    }
  }

  get currentKeyId(): string {
    return this.#current.id;
  }

  get keyIds(): string[] {
    return [...this.#byId.keys()];
  }

  /** Seals `plaintext` with the current key, bound to `context` (the row it is stored in). */
  seal(plaintext: string, context: string): string {
    const header = `${VERSION}.${this.#current.id}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(header, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [header, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  }

  /**
   * The plaintext of a sealed value, or null when it does not open: malformed, sealed by a
   * key this keyring lacks, tampered with, or bound to another context.
   */
  open(sealed: string, context: string): OpenedSecret | null {
    const parts = sealed.split(".");
    if (parts.length !== 5 || !parts.every((part) => BASE64URL.test(part))) return null;
    const [version, keyId, ivText, ciphertextText, tagText] = parts as [
      string,
      string,
      string,
      string,
      string,
    ];
    const key = this.#byId.get(keyId);
    if (version !== VERSION || !key) return null;
    const iv = Buffer.from(ivText, "base64url");
    const tag = Buffer.from(tagText, "base64url");
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(`${version}.${keyId}`, context));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertextText, "base64url")),
        decipher.final(),
      ]).toString("utf8");
      return { plaintext, stale: keyId !== this.#current.id };
    } catch {
      // The tag did not verify: wrong key, altered bytes or another row's value.
      return null;
    }
  }

  /**
   * A key for another purpose (`download-tokens`), derived from the current key with
   * HKDF-SHA256 and the purpose as its info: the sealing key itself never signs anything
   * else, and each purpose gets an unrelated key. Changes when the current key rotates.
   */
  deriveKey(purpose: string, bytes = 32): Buffer {
    return Buffer.from(hkdfSync("sha256", this.#current.key, "portico derived key", purpose, bytes));
  }

  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }
}
