import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./api-errors.js";

/** The error a tRPC client raises for an answer carrying this `data`. */
const answer = (data: object) =>
  new TRPCClientError("refused", {
    result: { error: { code: -32029, message: "refused", data } },
  });

describe("retryAfterSeconds", () => {
  it("reads the wait of a RATE_LIMITED answer", () => {
    const error = answer({ reason: "RATE_LIMITED", details: { retryAfterSeconds: 540 }, httpStatus: 429 });
    expect(retryAfterSeconds(error)).toBe(540);
  });

  it("is null for other reasons, a missing wait and non-API errors", () => {
    const locked = answer({ reason: "ACCOUNT_LOCKED", details: { retryAfterSeconds: 60 } });
    expect(retryAfterSeconds(locked)).toBeNull();
    expect(retryAfterSeconds(answer({ reason: "RATE_LIMITED", details: null }))).toBeNull();
    expect(
      retryAfterSeconds(answer({ reason: "RATE_LIMITED", details: { retryAfterSeconds: "soon" } })),
    ).toBeNull();
    expect(retryAfterSeconds(new Error("offline"))).toBeNull();
  });
});
