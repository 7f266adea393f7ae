import { describe, expect, it } from "vitest";
import { invoiceTotals } from "./totals.js";

const vat20 = { ratePpm: 200_000, inclusive: false };
const vat20Included = { ratePpm: 200_000, inclusive: true };
const nyc = { ratePpm: 88_750, inclusive: false };

describe("invoiceTotals", () => {
  it("adds exclusive tax on top", () => {
    const totals = invoiceTotals([
      { amount: 4900, tax: vat20 },
      { amount: 1000, tax: vat20 },
    ]);
    expect(totals).toMatchObject({ subtotal: 5900, discountTotal: 0, taxTotal: 1180, total: 7080 });
  });

  it("takes inclusive tax out of the amount without changing the total", () => {
    const totals = invoiceTotals([{ amount: 1200, tax: vat20Included }]);
    expect(totals).toMatchObject({ subtotal: 1200, taxTotal: 200, total: 1200 });
  });

  it("rounds tax half up per line (8.875 %)", () => {
    // 1000 × 0.08875 = 88.75 → 89; 200 × 0.08875 = 17.75 → 18.
    const totals = invoiceTotals([
      { amount: 1000, tax: nyc },
      { amount: 200, tax: nyc },
    ]);
    expect(totals.lines.map((l) => l.taxAmount)).toEqual([89, 18]);
    expect(totals.total).toBe(1200 + 107);
  });

  it("applies a percent discount before tax, credits included", () => {
    const totals = invoiceTotals(
      [
        { amount: 3000, tax: vat20 },
        { amount: -500, tax: vat20 },
      ],
      { percentOffBps: 2000 },
    );
    expect(totals.lines).toEqual([
      { amount: 3000, discountAmount: 600, taxAmount: 480 },
      { amount: -500, discountAmount: -100, taxAmount: -80 },
    ]);
    expect(totals).toMatchObject({ subtotal: 2500, discountTotal: 500, taxTotal: 400, total: 2400 });
  });

  it("spreads an amount off over positive lines exactly, capped at what they add up to", () => {
    const spread = invoiceTotals([{ amount: 1000 }, { amount: 2000 }, { amount: -300 }], { amountOff: 1000 });
    expect(spread.lines.map((l) => l.discountAmount)).toEqual([333, 667, 0]);
    expect(spread.total).toBe(1700);
    const capped = invoiceTotals([{ amount: 500 }], { amountOff: 2000 });
    expect(capped).toMatchObject({ discountTotal: 500, total: 0 });
  });

  it("handles an empty invoice", () => {
    expect(invoiceTotals([])).toEqual({ lines: [], subtotal: 0, discountTotal: 0, taxTotal: 0, total: 0 });
  });
});
