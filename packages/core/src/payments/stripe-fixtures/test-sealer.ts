import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretSealer } from "../stripe-credentials.js";

/**
 * A SecretSealer for core's tests (core cannot use auth's keyring): AES-256-GCM under a
 * fixed test key, the context as associated data, as the server's keyring does.
 */
const KEY = Buffer.alloc(32, 7);

export const testSealer: SecretSealer = {
  seal(plaintext, context) {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", KEY, iv).setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [iv, data, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
  },
  open(sealed, context) {
    const [iv, data, tag] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
    if (!iv || !data || !tag) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", KEY, iv).setAAD(Buffer.from(context)).setAuthTag(tag);
      return { plaintext: Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8") };
    } catch {
      return null;
    }
  },
};
