import { describe, expect, it } from "vitest";
import { AppError } from "./errors.js";

describe("AppError", () => {
  it("carries code, stable reason, message and details", () => {
    const cause = new Error("root");
    const error = new AppError("CONFLICT", "PAYMENT_ALREADY_PROCESSED", "Already paid.", {
      details: { paymentId: "py_1" },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ name: "AppError", code: "CONFLICT", reason: "PAYMENT_ALREADY_PROCESSED" });
    expect(error.message).toBe("Already paid.");
    expect(error.details).toEqual({ paymentId: "py_1" });
    expect(error.cause).toBe(cause);
  });

  it("has no details unless given", () => {
    expect(new AppError("NOT_FOUND", "MERCHANT_NOT_FOUND", "No such merchant.").details).toBeUndefined();
  });
});
