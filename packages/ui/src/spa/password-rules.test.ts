import { NEW_PASSWORD_MIN_LENGTH as SERVER_MIN } from "@portico/validators";
import { describe, expect, it } from "vitest";
import { NEW_PASSWORD_MIN_LENGTH } from "./password-rules.js";

describe("password rules", () => {
  it("asks for the length the API's validators enforce", () => {
    expect(NEW_PASSWORD_MIN_LENGTH).toBe(SERVER_MIN);
  });
});
