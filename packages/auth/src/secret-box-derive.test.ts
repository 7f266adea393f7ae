import { describe, expect, it } from "vitest";
import { generateEncryptionKey, SecretKeyring } from "./secret-box.js";

describe("SecretKeyring.deriveKey", () => {
  it("derives one stable key per purpose, unrelated to the sealing key and to other purposes", () => {
    const key = generateEncryptionKey();
    const ring = new SecretKeyring(key);
    const downloads = ring.deriveKey("download-tokens");
    expect(downloads).toHaveLength(32);
    expect(new SecretKeyring(key).deriveKey("download-tokens").equals(downloads)).toBe(true);
    expect(ring.deriveKey("webhooks").equals(downloads)).toBe(false);
    expect(downloads.equals(Buffer.from(key, "base64"))).toBe(false);
    // After a rotation the current key derives: old derived keys stop working.
    expect(
      new SecretKeyring(generateEncryptionKey(), [key]).deriveKey("download-tokens").equals(downloads),
    ).toBe(false);
  });
});
