import { describe, expect, it } from "vitest";
import { API_REQUEST_TIERS } from "./catalog.js";
import { addMonths, periodsUntil } from "./dates.js";
import { buildPdf } from "./files.js";
import { divideRounded, graduatedAmount, percentOf, prorate, taxOf } from "./money.js";
import { checkPdfStructure } from "./pdf-structure.js";
import { Random } from "./random.js";

describe("seed helpers", () => {
  it("rounds half away from zero", () => {
    expect(divideRounded(5, 10)).toBe(1);
    expect(divideRounded(4, 10)).toBe(0);
    expect(divideRounded(-5, 10)).toBe(-1);
    expect(taxOf(6000, 88_750)).toBe(533); // 532.5
    expect(taxOf(15_200, 88_750)).toBe(1349);
    expect(percentOf(19_000, 20_00)).toBe(3800);
  });

  it("prices API requests through the graduated tiers", () => {
    expect(graduatedAmount(API_REQUEST_TIERS, 80_000)).toBe(0);
    expect(graduatedAmount(API_REQUEST_TIERS, 100_000)).toBe(0);
    expect(graduatedAmount(API_REQUEST_TIERS, 250_000)).toBe(6000); // 150 000 × 0.04¢
    expect(graduatedAmount(API_REQUEST_TIERS, 1_200_000)).toBe(36_000 + 5000); // 900 000 × 0.04¢ + 200 000 × 0.025¢
    expect(graduatedAmount(API_REQUEST_TIERS, 100_013)).toBe(1); // 0.52¢ rounds up
  });

  it("prorates to the second", () => {
    const start = new Date("2028-02-01T00:00:00Z");
    const end = new Date("2028-03-01T00:00:00Z");
    expect(prorate(9600, start, end, new Date("2028-02-15T12:00:00Z"))).toBe(4800); // 14.5 of 29 days
    expect(prorate(9600, start, end, start)).toBe(9600);
  });

  it("keeps month-end anchors (Jan 31 → Feb 29 → Mar 31)", () => {
    const anchor = new Date("2028-01-31T09:00:00Z");
    expect(addMonths(anchor, 1).toISOString()).toBe("2028-02-29T09:00:00.000Z");
    expect(addMonths(anchor, 2).toISOString()).toBe("2028-03-31T09:00:00.000Z");
    expect(addMonths(anchor, -2).toISOString()).toBe("2027-11-30T09:00:00.000Z");
    const periods = periodsUntil(anchor, 1, new Date("2028-04-01T00:00:00Z"));
    expect(periods.map((p) => p.start.toISOString().slice(0, 10))).toEqual([
      "2028-01-31",
      "2028-02-29",
      "2028-03-31",
    ]);
    expect(periods[1]!.end.toISOString().slice(0, 10)).toBe("2028-03-31");
  });

  it("draws the same numbers from the same seed", () => {
    const a = new Random(42);
    const b = new Random(42);
    const draws = Array.from({ length: 5 }, () => a.int(0, 1_000_000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1_000_000))).toEqual(draws);
    expect(new Random(43).int(0, 1_000_000)).not.toBe(draws[0]);
  });

  it("writes a structurally valid PDF, escaping what PDF strings need", () => {
    const pdf = buildPdf({ title: "Agreement (draft)", lines: ["Back\\slash and (parens)", "Café — naïve"] });
    expect(() => checkPdfStructure(pdf)).not.toThrow();
    expect(pdf.toString("latin1")).toContain("(Agreement \\(draft\\)) Tj");
    const broken = Buffer.from(pdf.toString("latin1").replace("1 0 obj", "1 0 obk"), "latin1");
    expect(() => checkPdfStructure(broken)).toThrow(/object 1/);
  });
});
