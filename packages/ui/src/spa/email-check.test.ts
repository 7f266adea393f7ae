import { describe, expect, it } from "vitest";
import { emailProblem } from "./email-check.js";

describe("emailProblem", () => {
  it("asks for a missing address and rejects obvious typos", () => {
    expect(emailProblem("   ")).toBe("auth.emailRequired");
    for (const typo of ["ada", "ada@", "ada@example", "a da@example.com", "@example.com"]) {
      expect(emailProblem(typo), typo).toBe("auth.emailInvalid");
    }
  });

  it("accepts an address, around spaces too", () => {
    expect(emailProblem(" ada@example.com ")).toBeNull();
  });
});
