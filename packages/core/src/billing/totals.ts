import { allocate, rational, toMinorUnits } from "./money.js";

export interface TaxTerms {
  /** Parts per million: 20 % = 200 000. */
  ratePpm: number;
  /** true: the amount already includes the tax (VAT style); false: tax is added on top. */
  inclusive: boolean;
}

/** An invoice-level discount: percent (basis points) or a fixed amount off. */
export type DiscountTerms = { percentOffBps: number } | { amountOff: number };

export interface LineInput {
  /** Signed: a proration credit is negative. */
  amount: number;
  tax?: TaxTerms | null;
}

export interface LineTotals {
  amount: number;
  discountAmount: number;
  taxAmount: number;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  subtotal: number;
  discountTotal: number;
  /** All tax on the invoice, inclusive and exclusive. */
  taxTotal: number;
  /** subtotal − discountTotal + the exclusive part of the tax. */
  total: number;
}

/**
 * Discounts, then tax, per line, each rounded half up once per line:
 * - a percent discount takes its share of every line (credits too, since they refund
 *   discounted charges); an amount off is spread over the positive lines in proportion,
 *   never more than they add up to, and always sums exactly;
 * - tax is computed on the discounted line: on top (exclusive) or as the part of it that
 *   is tax (inclusive: base × rate ÷ (1 + rate)).
 */
export function invoiceTotals(lines: readonly LineInput[], discount?: DiscountTerms | null): InvoiceTotals {
  const discounts = lineDiscounts(lines, discount);
  let exclusiveTax = 0;
  const computed = lines.map((line, index) => {
    const discountAmount = discounts[index] ?? 0;
    const taxAmount = line.tax ? lineTax(line.amount - discountAmount, line.tax) : 0;
    if (line.tax && !line.tax.inclusive) exclusiveTax += taxAmount;
    return { amount: line.amount, discountAmount, taxAmount };
  });
  const sum = (pick: (l: LineTotals) => number) => computed.reduce((a, l) => a + pick(l), 0);
  const subtotal = sum((l) => l.amount);
  const discountTotal = sum((l) => l.discountAmount);
  return {
    lines: computed,
    subtotal,
    discountTotal,
    taxTotal: sum((l) => l.taxAmount),
    total: subtotal - discountTotal + exclusiveTax,
  };
}

function lineDiscounts(lines: readonly LineInput[], discount?: DiscountTerms | null): number[] {
  if (!discount) return lines.map(() => 0);
  if ("percentOffBps" in discount) {
    const bps = BigInt(discount.percentOffBps);
    return lines.map((line) => toMinorUnits(rational(BigInt(line.amount) * bps, 10_000n)));
  }
  const positive = lines.map((line) => Math.max(line.amount, 0));
  const cap = positive.reduce((a, b) => a + b, 0);
  return allocate(Math.min(Math.max(discount.amountOff, 0), cap), positive);
}

function lineTax(base: number, { ratePpm, inclusive }: TaxTerms): number {
  const rate = BigInt(ratePpm);
  const den = inclusive ? 1_000_000n + rate : 1_000_000n;
  return toMinorUnits(rational(BigInt(base) * rate, den));
}
