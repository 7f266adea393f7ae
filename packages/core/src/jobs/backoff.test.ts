import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, retryDelayMs } from "./backoff.js";

describe("retryDelayMs", () => {
  it("doubles from the base after each failure", () => {
    const policy = { baseMs: 1000, maxMs: 1_000_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it("stops at the cap, even for absurd attempt counts", () => {
    const policy = { baseMs: 1000, maxMs: 5000 };
    expect(retryDelayMs(4, policy)).toBe(5000);
    expect(retryDelayMs(10_000, policy)).toBe(5000);
  });

  it("defaults to 15 s doubling up to an hour", () => {
    expect(retryDelayMs(1)).toBe(DEFAULT_RETRY_POLICY.baseMs);
    expect(retryDelayMs(2)).toBe(30_000);
    expect(retryDelayMs(100)).toBe(DEFAULT_RETRY_POLICY.maxMs);
  });
});
