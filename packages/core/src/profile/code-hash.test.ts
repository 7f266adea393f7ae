import { describe, expect, it } from "vitest";
import { hashCode, randomSixDigitCode, verifyCode } from "./code-hash.js";

describe("e-mailed code hashes", () => {
  it("verifies the code it hashed and nothing else", async () => {
    const code = randomSixDigitCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = await hashCode(code);
    expect(stored).toMatch(/^scrypt\$14\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain(code);
    expect(await verifyCode(stored, code)).toBe(true);
    expect(await verifyCode(stored, code === "000000" ? "000001" : "000000")).toBe(false);
  });

  it("salts every hash and refuses values it did not write", async () => {
    expect(await hashCode("123456")).not.toBe(await hashCode("123456"));
    for (const stored of [
      "",
      "123456",
      "$argon2id$v=19$m=19456,t=2,p=1$abc$def",
      "scrypt$14$8$1$only-salt",
    ]) {
      expect(await verifyCode(stored, "123456")).toBe(false);
    }
  });
});
