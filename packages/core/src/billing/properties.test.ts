import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./money.js";
import { periodBoundary } from "./periods.js";
import { prorate, prorationLines } from "./proration.js";
import { invoiceTotals } from "./totals.js";

// Property tests for the billing math: invariants that must hold for any input, not just
// the hand-worked cases in the other files.

const amount = fc.integer({ min: -1_000_000_00, max: 1_000_000_00 });
const tax = fc.option(fc.record({ ratePpm: fc.integer({ min: 0, max: 300_000 }), inclusive: fc.boolean() }), {
  nil: null,
});
const discount = fc.option(
  fc.oneof(
    fc.record({ percentOffBps: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ amountOff: fc.integer({ min: 0, max: 10_000_000 }) }),
  ),
  { nil: null },
);
const period = fc
  .tuple(
    fc.date({
      min: new Date("2020-01-01T00:00:00Z"),
      max: new Date("2035-01-01T00:00:00Z"),
      noInvalidDate: true,
    }),
    fc.constantFrom("day", "week", "month", "year" as const),
    fc.integer({ min: 1, max: 3 }),
  )
  .map(([anchor, interval, intervalCount]) => ({
    start: anchor,
    end: periodBoundary(anchor, { interval, intervalCount }, 1),
  }));

describe("invoice totals (properties)", () => {
  it("line figures add up to the totals, and the discount never exceeds what it discounts", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ amount, tax }), { maxLength: 30 }), discount, (lines, terms) => {
        const totals = invoiceTotals(lines, terms);
        const sum = (pick: (l: (typeof totals.lines)[number]) => number) =>
          totals.lines.reduce((a, l) => a + pick(l), 0);
        expect(totals.subtotal).toBe(sum((l) => l.amount));
        expect(totals.discountTotal).toBe(sum((l) => l.discountAmount));
        expect(totals.taxTotal).toBe(sum((l) => l.taxAmount));
        const exclusiveTax = totals.lines.reduce(
          (a, l, i) => a + (lines[i]?.tax?.inclusive === false ? l.taxAmount : 0),
          0,
        );
        expect(totals.total).toBe(totals.subtotal - totals.discountTotal + exclusiveTax);
        const positive = lines.reduce((a, l) => a + Math.max(l.amount, 0), 0);
        if (terms && "amountOff" in terms) expect(totals.discountTotal).toBeLessThanOrEqual(positive);
      }),
    );
  });

  it("an invoice of non-negative lines never totals below zero", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 0, max: 1_000_000_00 }), tax }), { maxLength: 30 }),
        discount,
        (lines, terms) => {
          expect(invoiceTotals(lines, terms).total).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("proration (properties)", () => {
  it("a share is between 0 and the full amount and never grows as time passes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_00 }),
        period,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (full, p, a, b) => {
          const span = p.end.getTime() - p.start.getTime();
          const [early, late] = [Math.min(a, b), Math.max(a, b)].map(
            (f) => new Date(p.start.getTime() + f * span),
          );
          const first = prorate(full, p, early!);
          const second = prorate(full, p, late!);
          expect(first).toBeGreaterThanOrEqual(0);
          expect(first).toBeLessThanOrEqual(full);
          expect(second).toBeLessThanOrEqual(first);
        },
      ),
    );
  });

  it("changing back and forth at the same instant nets to zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        period,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (priceA, priceB, seats, p, f) => {
          const at = new Date(p.start.getTime() + f * (p.end.getTime() - p.start.getTime()));
          const a = { price: "price_a", quantity: seats, amount: priceA * seats, description: "A" };
          const b = { price: "price_b", quantity: seats, amount: priceB * seats, description: "B" };
          const there = prorationLines([a], [b], p, at);
          const back = prorationLines([b], [a], p, at);
          const net = [...there, ...back].reduce((s, l) => s + l.amount, 0);
          expect(net).toBe(0);
        },
      ),
    );
  });
});

describe("allocate (properties)", () => {
  it("shares always sum to the total and differ from the exact share by less than one unit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const shares = allocate(total, weights);
          const weightSum = weights.reduce((a, w) => a + w, 0);
          if (weightSum === 0) return;
          expect(shares.reduce((a, s) => a + s, 0)).toBe(total);
          shares.forEach((share, i) => {
            expect(Math.abs(share - (total * weights[i]!) / weightSum)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
