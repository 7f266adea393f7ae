import { describe, expect, it } from "vitest";
import { RANDOM_TOKEN_PATTERN, randomToken, readBearer } from "./random-token.js";

describe("random tokens", () => {
  it("are 32 base32 characters (160 bits) and differ every time", () => {
    const token = randomToken();
    expect(token).toMatch(new RegExp(`^${RANDOM_TOKEN_PATTERN}$`));
    expect(randomToken()).not.toBe(token);
  });

  it("reads a Bearer credential, whatever the scheme's case", () => {
    expect(readBearer("Bearer sk_test_abc")).toBe("sk_test_abc");
    expect(readBearer("bearer  cst_x ")).toBe("cst_x");
    expect(readBearer("Basic dXNlcg==")).toBeNull();
    expect(readBearer("Bearer")).toBeNull();
    expect(readBearer("Bearer a b")).toBeNull();
    expect(readBearer(undefined)).toBeNull();
  });
});
