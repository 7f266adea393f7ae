import type { PriceTier, PriceTiersMode, PriceType } from "@portico/db";
import { type Rational, addRational, mulRational, parseDecimal, rational, toMinorUnits } from "./money.js";

/** What of a price decides an amount; a plain shape so previews need no entity. */
export interface PriceTerms {
  type: PriceType;
  unitAmount: number | null;
  unitAmountDecimal: string | null;
  tiersMode: PriceTiersMode | null;
  tiers: PriceTier[] | null;
}

/**
 * The amount, in minor units, of `quantity` units of a price for one whole period: seats
 * of a per-seat price, units of usage of a metered one (1 for a flat price).
 *
 * - Without tiers: quantity × unit amount (`unitAmountDecimal` wins when set, for prices
 *   finer than a minor unit).
 * - Graduated tiers: each tier prices the units that fall in it, plus its flat amount once
 *   reached.
 * - Volume tiers: the tier holding the total quantity prices every unit, plus its flat amount.
 *
 * A first-tier flat amount is a base fee: it is charged even for zero usage. Fractions are
 * kept exact and rounded once, half up.
 */
export function amountForQuantity(price: PriceTerms, quantity: number | string): number {
  const units = parseDecimal(quantity);
  if (units.num < 0n) throw new RangeError("quantity must not be negative");
  if (price.tiersMode && price.tiers?.length) {
    const tiers = sortedTiers(price.tiers);
    return toMinorUnits(price.tiersMode === "graduated" ? graduated(tiers, units) : volume(tiers, units));
  }
  return toMinorUnits(mulRational(unitPrice(price), units));
}

function unitPrice(terms: { unitAmount: number | null; unitAmountDecimal?: string | null }): Rational {
  if (terms.unitAmountDecimal != null) return parseDecimal(terms.unitAmountDecimal);
  if (terms.unitAmount != null) return rational(BigInt(terms.unitAmount));
  throw new RangeError("price has neither a unit amount nor tiers");
}

/** Tiers by upper bound, the unbounded one last; it must exist so every quantity is priced. */
function sortedTiers(tiers: PriceTier[]): PriceTier[] {
  const sorted = [...tiers].sort((a, b) => (a.upTo ?? Infinity) - (b.upTo ?? Infinity));
  if (sorted.at(-1)?.upTo !== null) throw new RangeError("the last tier must have upTo: null");
  return sorted;
}

const lessOrEqual = (a: Rational, b: Rational) => a.num * b.den <= b.num * a.den;
const minus = (a: Rational, b: Rational) => addRational(a, rational(-b.num, b.den));

function graduated(tiers: PriceTier[], units: Rational): Rational {
  let total = rational(0n);
  let floor = rational(0n);
  for (const [index, tier] of tiers.entries()) {
    const ceiling = tier.upTo === null ? null : rational(BigInt(tier.upTo));
    const top = ceiling && lessOrEqual(ceiling, units) ? ceiling : units;
    const inTier = minus(top, floor);
    const reached = inTier.num > 0n || index === 0;
    if (!reached) break;
    total = addRational(total, mulRational(unitPrice(tier), inTier));
    total = addRational(total, rational(BigInt(tier.flatAmount)));
    if (!ceiling || lessOrEqual(units, ceiling)) break;
    floor = ceiling;
  }
  return total;
}

function volume(tiers: PriceTier[], units: Rational): Rational {
  const tier = tiers.find((t) => t.upTo === null || lessOrEqual(units, rational(BigInt(t.upTo))));
  if (!tier) throw new RangeError("no tier holds this quantity");
  return addRational(mulRational(unitPrice(tier), units), rational(BigInt(tier.flatAmount)));
}
