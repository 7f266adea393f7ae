import { describe, expect, it } from "vitest";
import { projectQuantity } from "./projection.js";

// A 28-day period (Feb 2026) and instants in it.
const period = { start: new Date("2026-02-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z") };
const at = (iso: string) => new Date(iso);

describe("projectQuantity", () => {
  it("extrapolates sums linearly from the elapsed share of the period", () => {
    // 7 of 28 days elapsed: × 4.
    expect(projectQuantity("sum", 1250.5, period, at("2026-02-08T00:00:00Z"))).toBe(5002);
    // 14.5 of 28 days: 29 × 28 / 14.5 = 56.
    expect(projectQuantity("sum", 29, period, at("2026-02-15T12:00:00Z"))).toBe(56);
  });

  it("keeps 6 decimals for sums and rounds counts half up to whole events", () => {
    // 3 days of 28: 1 × 28 / 3 = 9.333333…
    expect(projectQuantity("sum", 1, period, at("2026-02-04T00:00:00Z"))).toBe(9.333333);
    // 2 × 28 / 3 = 18.666…  → 19 events.
    expect(projectQuantity("count", 2, period, at("2026-02-04T00:00:00Z"))).toBe(19);
    // 0.000001 × 28 / 3 = 0.0000093… → 0.000009.
    expect(projectQuantity("sum", 0.000001, period, at("2026-02-04T00:00:00Z"))).toBe(0.000009);
  });

  it("does not extrapolate a max or a distinct count", () => {
    const now = at("2026-02-08T00:00:00Z");
    expect(projectQuantity("max", 12.5, period, now)).toBe(12.5);
    expect(projectQuantity("unique_count", 40, period, now)).toBe(40);
  });

  it("answers the current quantity at or before the start and at or after the end", () => {
    expect(projectQuantity("sum", 10, period, period.start)).toBe(10);
    expect(projectQuantity("count", 10, period, at("2026-01-31T00:00:00Z"))).toBe(10);
    expect(projectQuantity("sum", 10, period, period.end)).toBe(10);
    expect(projectQuantity("sum", 0, period, at("2026-02-08T00:00:00Z"))).toBe(0);
  });
});
