import { describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "./clock.js";

describe("clocks", () => {
  it("systemClock follows real time", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("fixedClock always answers the same instant, as a fresh Date", () => {
    const clock = fixedClock("2026-01-31T12:00:00Z");
    const first = clock.now();
    first.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe("2026-01-31T12:00:00.000Z");
    expect(clock.now()).not.toBe(clock.now());
  });

  it("fixedClock refuses an invalid date", () => {
    expect(() => fixedClock("not a date")).toThrow(RangeError);
  });
});
