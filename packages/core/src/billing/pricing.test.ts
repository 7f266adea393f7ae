import type { PriceTier } from "@portico/db";
import { describe, expect, it } from "vitest";
import { type PriceTerms, amountForQuantity } from "./pricing.js";

const price = (overrides: Partial<PriceTerms>): PriceTerms => ({
  type: "per_seat",
  unitAmount: null,
  unitAmountDecimal: null,
  tiersMode: null,
  tiers: null,
  ...overrides,
});

// 0–10 units at 100, 11–50 at 80, beyond at 50; a 500 base fee in the first tier.
const tiers: PriceTier[] = [
  { upTo: 50, unitAmount: 80, flatAmount: 0 },
  { upTo: null, unitAmount: 50, flatAmount: 0 },
  { upTo: 10, unitAmount: 100, flatAmount: 500 },
];

describe("amountForQuantity", () => {
  it("multiplies seats by the unit amount", () => {
    expect(amountForQuantity(price({ unitAmount: 1200 }), 5)).toBe(6000);
    expect(amountForQuantity(price({ type: "flat", unitAmount: 4900 }), 1)).toBe(4900);
  });

  it("prices finer than a minor unit and fractional usage, rounded once", () => {
    const perCall = price({ type: "metered", unitAmountDecimal: "0.2" });
    expect(amountForQuantity(perCall, 1234567)).toBe(246913);
    expect(amountForQuantity(perCall, 2)).toBe(0);
    expect(amountForQuantity(perCall, 3)).toBe(1);
    const perGb = price({ type: "metered", unitAmount: 9 });
    expect(amountForQuantity(perGb, "1.5")).toBe(14);
  });

  it("graduated: each tier prices its own units, first-tier base fee always", () => {
    const graduated = price({ type: "metered", tiersMode: "graduated", tiers });
    expect(amountForQuantity(graduated, 0)).toBe(500);
    expect(amountForQuantity(graduated, 10)).toBe(500 + 1000);
    expect(amountForQuantity(graduated, 11)).toBe(500 + 1000 + 80);
    expect(amountForQuantity(graduated, 60)).toBe(500 + 1000 + 40 * 80 + 10 * 50);
  });

  it("volume: the tier holding the total prices every unit", () => {
    const byVolume = price({ type: "metered", tiersMode: "volume", tiers });
    expect(amountForQuantity(byVolume, 0)).toBe(500);
    expect(amountForQuantity(byVolume, 10)).toBe(500 + 1000);
    expect(amountForQuantity(byVolume, 11)).toBe(11 * 80);
    expect(amountForQuantity(byVolume, 60)).toBe(60 * 50);
  });

  it("takes decimal unit amounts inside tiers", () => {
    const fine: PriceTier[] = [
      { upTo: 1000, unitAmount: 0, unitAmountDecimal: "0.5", flatAmount: 0 },
      { upTo: null, unitAmount: 0, unitAmountDecimal: "0.25", flatAmount: 0 },
    ];
    expect(amountForQuantity(price({ tiersMode: "graduated", tiers: fine }), 1001)).toBe(500);
    expect(amountForQuantity(price({ tiersMode: "graduated", tiers: fine }), 1002)).toBe(501);
  });

  it("refuses negative quantities, missing amounts and bounded last tiers", () => {
    expect(() => amountForQuantity(price({ unitAmount: 100 }), -1)).toThrow(RangeError);
    expect(() => amountForQuantity(price({}), 1)).toThrow(RangeError);
    const bounded: PriceTier[] = [{ upTo: 10, unitAmount: 1, flatAmount: 0 }];
    expect(() => amountForQuantity(price({ tiersMode: "volume", tiers: bounded }), 1)).toThrow(RangeError);
  });
});
