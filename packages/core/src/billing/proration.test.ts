import { describe, expect, it } from "vitest";
import { prorate, prorationLines } from "./proration.js";

const d = (iso: string) => new Date(iso);
// A 30-day period: 2 592 000 seconds.
const april = { start: d("2026-04-01T00:00:00Z"), end: d("2026-05-01T00:00:00Z") };

describe("prorate", () => {
  it("charges the remaining share to the second", () => {
    expect(prorate(3000, april, d("2026-04-16T00:00:00Z"))).toBe(1500);
    expect(prorate(3000, april, april.start)).toBe(3000);
    expect(prorate(3000, april, april.end)).toBe(0);
    // 1 second left of 2 592 000 on 1 000 000 → 0.3858 → 0; 2 seconds → 0.77 → 1.
    expect(prorate(1_000_000, april, d("2026-04-30T23:59:59Z"))).toBe(0);
    expect(prorate(1_000_000, april, d("2026-04-30T23:59:58Z"))).toBe(1);
  });

  it("rounds half up and clamps outside the period", () => {
    // 1 of 2 592 000 seconds of 1 296 000 = exactly 0.5 → 1.
    expect(prorate(1_296_000, april, d("2026-04-30T23:59:59Z"))).toBe(1);
    expect(prorate(3000, april, d("2026-03-01T00:00:00Z"))).toBe(3000);
    expect(prorate(3000, april, d("2026-06-01T00:00:00Z"))).toBe(0);
  });

  it("handles February in a leap year (29 days)", () => {
    const feb = { start: d("2028-02-01T00:00:00Z"), end: d("2028-03-01T00:00:00Z") };
    expect(prorate(2900, feb, d("2028-02-20T00:00:00Z"))).toBe(1000);
  });
});

describe("prorationLines", () => {
  const basic = { price: "price_basic", quantity: 1, amount: 1000, description: "Basic" };
  const pro = { price: "price_pro", quantity: 1, amount: 3000, description: "Pro" };
  const mid = d("2026-04-16T00:00:00Z");

  it("upgrade: credit unused Basic, charge remaining Pro", () => {
    const lines = prorationLines([basic], [pro], april, mid);
    expect(lines.map((l) => [l.price, l.kind, l.amount])).toEqual([
      ["price_basic", "unused_time", -500],
      ["price_pro", "remaining_time", 1500],
    ]);
    expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(1000);
    expect(lines[0]?.periodStart).toEqual(mid);
    expect(lines[0]?.periodEnd).toEqual(april.end);
  });

  it("downgrade: the credit outweighs the charge", () => {
    const lines = prorationLines([pro], [basic], april, mid);
    expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(-1000);
  });

  it("seat change: old quantity credited, new quantity charged; unchanged items give nothing", () => {
    const seats = (quantity: number) => ({
      price: "price_seat",
      quantity,
      amount: 1200 * quantity,
      description: "Seat",
    });
    const lines = prorationLines([seats(5), basic], [seats(8), basic], april, mid);
    expect(lines.map((l) => [l.quantity, l.amount])).toEqual([
      [5, -3000],
      [8, 4800],
    ]);
    expect(prorationLines([basic], [basic], april, mid)).toEqual([]);
  });
});
