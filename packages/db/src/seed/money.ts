import type { PriceTier } from "../entities/index.js";

/**
 * Integer money helpers for the demo invoices: amounts are minor units, every division
 * rounds half away from zero to a whole minor unit (half-up for the positive amounts that
 * make up almost all lines), as DESIGN.md §3 asks of proration.
 */

/** numerator ÷ denominator rounded half away from zero; integers in, integer out. */
export function divideRounded(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

/** `amount` × basis points (1 % = 100 bps). */
export function percentOf(amount: number, bps: number): number {
  return divideRounded(amount * bps, 10_000);
}

/** Tax on `amount` at `ratePpm` parts per million (exclusive tax). */
export function taxOf(amount: number, ratePpm: number): number {
  return divideRounded(amount * ratePpm, 1_000_000);
}

/** Sub-minor-unit prices ("0.04" cents) are handled in millionths of a minor unit. */
const MICRO = 1_000_000;

function decimalToMicro(value: string): number {
  const [whole = "0", fraction = ""] = value.split(".");
  return Number(whole) * MICRO + Number(fraction.padEnd(6, "0").slice(0, 6));
}

/** Price of one unit in a tier, in millionths of a minor unit. */
function tierUnitMicro(tier: PriceTier): number {
  return tier.unitAmountDecimal ? decimalToMicro(tier.unitAmountDecimal) : tier.unitAmount * MICRO;
}

/**
 * Graduated pricing: each unit is priced by the tier it falls in, flat amounts are added
 * for every tier reached; the sum is rounded once, at the end.
 */
export function graduatedAmount(tiers: readonly PriceTier[], quantity: number): number {
  let micro = 0;
  let previousUpTo = 0;
  for (const tier of tiers) {
    if (quantity <= previousUpTo) break;
    const upTo = tier.upTo ?? Number.POSITIVE_INFINITY;
    const units = Math.min(quantity, upTo) - previousUpTo;
    micro += units * tierUnitMicro(tier) + tier.flatAmount * MICRO;
    previousUpTo = upTo;
  }
  return divideRounded(micro, MICRO);
}

/** Proration of `amount` for the part [from, period end) of a period, to the second. */
export function prorate(amount: number, periodStart: Date, periodEnd: Date, from: Date): number {
  const periodSeconds = Math.round((periodEnd.getTime() - periodStart.getTime()) / 1000);
  const remainingSeconds = Math.round((periodEnd.getTime() - from.getTime()) / 1000);
  return divideRounded(amount * remainingSeconds, periodSeconds);
}

/** `$1,234.50` — for line descriptions only (the portal formats money itself). */
export function formatUsd(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const dollars = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, "0")}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
