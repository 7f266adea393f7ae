import { describe, expect, it } from "vitest";
import {
  addRational,
  allocate,
  mulRational,
  parseDecimal,
  rational,
  roundHalfUp,
  toMinorUnits,
} from "./money.js";

describe("roundHalfUp", () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [7n, 3n, 2n],
    [-7n, 3n, -2n],
    [1n, 3n, 0n],
    [3n, 2n, 2n],
    [0n, 5n, 0n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
  ])("%i/%i → %i", (num, den, expected) => {
    expect(roundHalfUp(rational(num, den))).toBe(expected);
  });

  it("normalises a negative denominator", () => {
    expect(roundHalfUp(rational(5n, -2n))).toBe(-3n);
  });
});

describe("parseDecimal", () => {
  it("parses decimal strings exactly", () => {
    expect(parseDecimal("0.125")).toEqual({ num: 125n, den: 1000n });
    expect(parseDecimal("-12.5")).toEqual({ num: -125n, den: 10n });
    expect(parseDecimal("42")).toEqual({ num: 42n, den: 1n });
    expect(parseDecimal(1.5)).toEqual({ num: 15n, den: 10n });
    expect(parseDecimal(3)).toEqual({ num: 3n, den: 1n });
  });

  it("refuses what is not a decimal", () => {
    expect(() => parseDecimal("1e5")).toThrow(RangeError);
    expect(() => parseDecimal("abc")).toThrow(RangeError);
    expect(() => parseDecimal(Number.NaN)).toThrow(RangeError);
  });

  it("multiplies without floating-point drift", () => {
    // 0.1 × 3 is 0.30000000000000004 in floats; 1234567 units at 0.2 minor units each = 246913.4 → 246913.
    expect(toMinorUnits(mulRational(parseDecimal("0.1"), rational(3n)))).toBe(0);
    expect(toMinorUnits(mulRational(parseDecimal("0.2"), rational(1234567n)))).toBe(246913);
    expect(toMinorUnits(addRational(parseDecimal("0.25"), parseDecimal("0.25")))).toBe(1);
  });

  it("refuses amounts beyond the safe integer range", () => {
    expect(() => toMinorUnits(rational(2n ** 60n))).toThrow(RangeError);
  });
});

describe("allocate", () => {
  it("splits exactly, leftovers to the largest remainders", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1000, [500, 300, 200])).toEqual([500, 300, 200]);
    expect(allocate(10, [2, 1])).toEqual([7, 3]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it("always sums to the total", () => {
    const weights = [999, 1, 333, 7, 0, 12345];
    for (const total of [0, 1, 17, 999, 123457]) {
      expect(allocate(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("gives zeros for zero weights and refuses negative ones", () => {
    expect(allocate(50, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(50, [1, -1])).toThrow(RangeError);
  });
});
