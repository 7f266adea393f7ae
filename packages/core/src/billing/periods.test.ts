import { describe, expect, it } from "vitest";
import { nextPeriod, periodBoundary, periodContaining, secondsBetween } from "./periods.js";

const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const monthly = { interval: "month", intervalCount: 1 } as const;

describe("periodBoundary", () => {
  it("rolls Jan 31 → Feb 28 → Mar 31 → Apr 30 without drifting", () => {
    const anchor = d("2026-01-31T10:00:00Z");
    expect([1, 2, 3, 4].map((n) => iso(periodBoundary(anchor, monthly, n)))).toEqual([
      "2026-02-28T10:00:00.000Z",
      "2026-03-31T10:00:00.000Z",
      "2026-04-30T10:00:00.000Z",
      "2026-05-31T10:00:00.000Z",
    ]);
  });

  it("gives Feb 29 in leap years", () => {
    const anchor = d("2027-12-31T00:00:00Z");
    expect(iso(periodBoundary(anchor, monthly, 2))).toBe("2028-02-29T00:00:00.000Z");
  });

  it("renews a Feb 29 yearly anchor on Feb 28, and on Feb 29 again four years on", () => {
    const yearly = { interval: "year", intervalCount: 1 } as const;
    const anchor = d("2028-02-29T12:00:00Z");
    expect(iso(periodBoundary(anchor, yearly, 1))).toBe("2029-02-28T12:00:00.000Z");
    expect(iso(periodBoundary(anchor, yearly, 4))).toBe("2032-02-29T12:00:00.000Z");
  });

  it("counts days, weeks, quarters and negative steps", () => {
    const anchor = d("2026-03-01T00:00:00Z");
    expect(iso(periodBoundary(anchor, { interval: "day", intervalCount: 10 }, 1))).toBe(
      "2026-03-11T00:00:00.000Z",
    );
    expect(iso(periodBoundary(anchor, { interval: "week", intervalCount: 2 }, 1))).toBe(
      "2026-03-15T00:00:00.000Z",
    );
    expect(iso(periodBoundary(anchor, { interval: "month", intervalCount: 3 }, 1))).toBe(
      "2026-06-01T00:00:00.000Z",
    );
    expect(iso(periodBoundary(anchor, monthly, -1))).toBe("2026-02-01T00:00:00.000Z");
    expect(iso(periodBoundary(anchor, { interval: "month", intervalCount: 1 }, -13))).toBe(
      "2025-02-01T00:00:00.000Z",
    );
  });

  it("refuses an interval count below 1", () => {
    expect(() => periodBoundary(d("2026-01-01"), { interval: "month", intervalCount: 0 }, 1)).toThrow(
      RangeError,
    );
  });
});

describe("periodContaining", () => {
  const anchor = d("2026-01-31T10:00:00Z");

  it("finds the period around an instant, start inclusive and end exclusive", () => {
    expect(periodContaining(anchor, monthly, d("2026-03-15T00:00:00Z"))).toEqual({
      start: d("2026-02-28T10:00:00Z"),
      end: d("2026-03-31T10:00:00Z"),
    });
    expect(periodContaining(anchor, monthly, d("2026-03-31T10:00:00Z")).start).toEqual(
      d("2026-03-31T10:00:00Z"),
    );
    expect(periodContaining(anchor, monthly, d("2026-03-31T09:59:59.999Z")).end).toEqual(
      d("2026-03-31T10:00:00Z"),
    );
  });

  it("works before the anchor and across years", () => {
    expect(periodContaining(anchor, monthly, d("2025-12-31T09:00:00Z"))).toEqual({
      start: d("2025-11-30T10:00:00Z"),
      end: d("2025-12-31T10:00:00Z"),
    });
    const weekly = { interval: "week", intervalCount: 1 } as const;
    const p = periodContaining(d("2026-01-01T00:00:00Z"), weekly, d("2027-01-01T00:00:00Z"));
    expect(p.end.getTime() - p.start.getTime()).toBe(7 * 86_400_000);
    expect(p.start.getTime()).toBeLessThanOrEqual(d("2027-01-01T00:00:00Z").getTime());
  });

  it("holds for every hour of a leap year", () => {
    const start = d("2028-01-31T23:30:00Z");
    for (let h = 0; h < 366 * 24; h += 7) {
      const at = new Date(start.getTime() + h * 3_600_000);
      const p = periodContaining(start, monthly, at);
      expect(p.start.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(p.end.getTime()).toBeGreaterThan(at.getTime());
      expect(nextPeriod(start, monthly, p.end).start).toEqual(p.end);
    }
  });
});

describe("secondsBetween", () => {
  it("counts whole seconds", () => {
    expect(secondsBetween(d("2026-01-01T00:00:00.900Z"), d("2026-01-01T00:00:10.100Z"))).toBe(10);
    expect(secondsBetween(d("2026-01-02T00:00:00Z"), d("2026-01-01T00:00:00Z"))).toBe(-86400);
  });
});
