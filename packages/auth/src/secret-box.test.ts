import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { generateEncryptionKey, isEncryptionKey, SecretKeyring } from "./secret-box.js";

const KEY_A = generateEncryptionKey();
const KEY_B = generateEncryptionKey();
const CONTEXT = "merchant_user.totp_secret:mu_1";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Flips one bit of the base64url part at `index` of a sealed value. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("SecretKeyring", () => {
  it("seals to a versioned, key-id'd value and opens it again", () => {
    const keyring = new SecretKeyring(KEY_A);
    const sealed = keyring.seal(SECRET, CONTEXT);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed.split(".")[1]).toBe(keyring.currentKeyId);
    expect(sealed).not.toContain(SECRET);
    expect(keyring.open(sealed, CONTEXT)).toEqual({ plaintext: SECRET, stale: false });
  });

  it("uses a fresh IV for every value", () => {
    const keyring = new SecretKeyring(KEY_A);
    const a = keyring.seal(SECRET, CONTEXT);
    const b = keyring.seal(SECRET, CONTEXT);
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it("does not open with another key", () => {
    const sealed = new SecretKeyring(KEY_A).seal(SECRET, CONTEXT);
    expect(new SecretKeyring(KEY_B).open(sealed, CONTEXT)).toBeNull();
    // Even when the other key claims the right key id, the tag does not verify.
    const idOfB = new SecretKeyring(KEY_B).currentKeyId;
    const relabelled = sealed.replace(/^v1\.[^.]+\./, `v1.${idOfB}.`);
    expect(new SecretKeyring(KEY_B).open(relabelled, CONTEXT)).toBeNull();
  });

  it("refuses a tampered IV, ciphertext or tag", () => {
    const keyring = new SecretKeyring(KEY_A);
    const sealed = keyring.seal(SECRET, CONTEXT);
    for (const index of [2, 3, 4]) expect(keyring.open(tamper(sealed, index), CONTEXT)).toBeNull();
  });

  it("refuses a value bound to another row", () => {
    const keyring = new SecretKeyring(KEY_A);
    const sealed = keyring.seal(SECRET, CONTEXT);
    expect(keyring.open(sealed, "merchant_user.totp_secret:mu_2")).toBeNull();
    expect(keyring.open(sealed, "customer_user.totp_secret:mu_1")).toBeNull();
  });

  it("refuses malformed values and unknown versions", () => {
    const keyring = new SecretKeyring(KEY_A);
    const sealed = keyring.seal(SECRET, CONTEXT);
    for (const bad of [
      "",
      SECRET,
      sealed.replace(/^v1\./, "v2."),
      sealed.split(".").slice(0, 4).join("."),
      `${sealed}.x`,
      sealed.replace(/\.[^.]+$/, ".AAAA"),
      sealed.replace(/\.[^.]+\.([^.]+\.[^.]+)$/, ".not+base64url.$1"),
    ]) {
      expect(keyring.open(bad, CONTEXT)).toBeNull();
    }
  });

  it("rotates: previous keys open old values (marked stale), the current key seals new ones", () => {
    const before = new SecretKeyring(KEY_A);
    const old = before.seal(SECRET, CONTEXT);
    const rotated = new SecretKeyring(KEY_B, [KEY_A]);
    expect(rotated.keyIds).toEqual([rotated.currentKeyId, before.currentKeyId]);
    expect(rotated.open(old, CONTEXT)).toEqual({ plaintext: SECRET, stale: true });
    const fresh = rotated.seal(SECRET, CONTEXT);
    expect(fresh.split(".")[1]).toBe(rotated.currentKeyId);
    expect(rotated.open(fresh, CONTEXT)).toEqual({ plaintext: SECRET, stale: false });
    // Once the old key is dropped, values it sealed no longer open.
    expect(new SecretKeyring(KEY_B).open(old, CONTEXT)).toBeNull();
  });

  it("accepts only 32-byte base64 keys", () => {
    expect(isEncryptionKey(KEY_A)).toBe(true);
    expect(isEncryptionKey(Buffer.from(KEY_A, "base64").toString("base64url"))).toBe(true);
    expect(isEncryptionKey("c2hvcnQ=")).toBe(false);
    expect(isEncryptionKey(`${KEY_A}AAAA`)).toBe(false);
    expect(() => new SecretKeyring("not a key")).toThrow(/32 random bytes/);
    expect(() => new SecretKeyring(KEY_A, ["c2hvcnQ="])).toThrow(/32 random bytes/);
  });

  it("never shows key material when inspected or serialised", () => {
    const keyring = new SecretKeyring(KEY_A, [KEY_B]);
    const shown = `${inspect(keyring, { depth: 5, showHidden: true })} ${JSON.stringify({ keyring })}`;
    for (const key of [KEY_A, KEY_B]) {
      expect(shown).not.toContain(key);
      expect(shown).not.toContain(Buffer.from(key, "base64").toString("hex"));
    }
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({
      currentKeyId: keyring.currentKeyId,
      keyIds: keyring.keyIds,
    });
  });
});
