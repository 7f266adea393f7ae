import { describe, expect, it } from "vitest";
import { expiryState } from "./expiry.js";

describe("expiryState", () => {
  const now = new Date("2026-11-21T12:00:00Z");

  it("keeps a card valid through the last day of its month", () => {
    expect(expiryState(11, 2026, now)).toBe("soon");
    expect(expiryState(10, 2026, now)).toBe("expired");
    expect(expiryState(11, 2026, new Date("2026-12-01T00:00:00Z"))).toBe("expired");
  });

  it("calls a card expiring within about two months soon", () => {
    expect(expiryState(12, 2026, now)).toBe("soon");
    expect(expiryState(1, 2027, now)).toBe("valid");
    expect(expiryState(12, 2030, now)).toBe("valid");
  });
});
