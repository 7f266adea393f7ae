/**
 * Exact arithmetic for money in integer minor units. Amounts that are not whole minor
 * units (per-unit prices like 0.2 cents, fractional usage, proration shares, tax) are
 * kept as a rational `num / den` in bigint and rounded once, half away from zero, at
 * the end — so 2.5 → 3 and −2.5 → −3, and a credit mirrors its charge exactly.
 */
export interface Rational {
  num: bigint;
  den: bigint;
}

export const rational = (num: bigint, den = 1n): Rational => {
  if (den === 0n) throw new RangeError("division by zero");
  return den < 0n ? { num: -num, den: -den } : { num, den };
};

export const addRational = (a: Rational, b: Rational): Rational =>
  rational(a.num * b.den + b.num * a.den, a.den * b.den);

export const mulRational = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);

/** num / den rounded half away from zero to an integer. */
export function roundHalfUp({ num, den }: Rational): bigint {
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** Rounds to minor units and returns a JS number, refusing amounts beyond 2^53. */
export function toMinorUnits(value: Rational): number {
  return toSafeNumber(roundHalfUp(value));
}

export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${value} is outside the safe integer range`);
  }
  return Number(value);
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "0.125" → 125/1000, exactly; also takes integers (as numbers or strings). */
export function parseDecimal(value: string | number): Rational {
  const text = typeof value === "number" ? decimalText(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const num = BigInt(whole + fraction) * (sign ? -1n : 1n);
  return rational(num, 10n ** BigInt(fraction.length));
}

/** A JS number as plain decimal text (no exponent), for exact parsing. */
function decimalText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(12).replace(/0+$/, "");
}

/**
 * Splits `total` over `weights` in proportion, exactly: each share is rounded down and
 * the leftover minor units go to the largest remainders (ties: earliest), so the shares
 * always add up to `total`. Weights must be ≥ 0; all-zero weights give all zeros.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (weights.some((w) => w < 0)) throw new RangeError("allocate: negative weight");
  if (sum === 0n) return weights.map(() => 0);
  const t = BigInt(total);
  const sign = t < 0n ? -1n : 1n;
  const magnitude = t * sign;
  const shares = weights.map((w) => (magnitude * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (magnitude * BigInt(w)) % sum }));
  let left = magnitude - shares.reduce((a, s) => a + s, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => toSafeNumber(s * sign));
}
