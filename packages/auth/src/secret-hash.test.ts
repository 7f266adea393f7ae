import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashSecret, secretMatches } from "./secret-hash.js";

describe("secret hashes", () => {
  it("is SHA-256 hex of the UTF-8 secret", () => {
    const secret = "sk_test_abcdefghijklmnopqrstuvwxyz234567";
    expect(hashSecret(secret)).toBe(createHash("sha256").update(secret, "utf8").digest("hex"));
  });

  it("matches the right secret only", () => {
    const stored = hashSecret("sk_test_right");
    expect(secretMatches(stored, "sk_test_right")).toBe(true);
    expect(secretMatches(stored, "sk_test_wrong")).toBe(false);
    expect(secretMatches("short", "sk_test_right")).toBe(false);
  });
});
