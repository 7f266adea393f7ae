import type { PriceInterval, PriceTier, PriceTiersMode, PriceType } from "@portico/db";
import { amountForQuantity, type PriceTerms } from "../billing/pricing.js";
import { checkAmount } from "../common/amount.js";
import { AppError } from "../errors.js";
import { normalizeDecimal, UNIT_AMOUNT_DECIMAL_PATTERN } from "./decimal.js";

/** One tier as integrations send it; amounts in minor units, `upTo` inclusive. */
export interface PriceTierInput {
  /** Upper bound of the tier; null for the last, unbounded one. */
  upTo: number | null;
  unitAmount?: number | null;
  unitAmountDecimal?: string | null;
  flatAmount?: number | null;
}

/** How a price's amount is given: exactly one of unitAmount, unitAmountDecimal or tiers. */
export interface PriceAmountInput {
  unitAmount?: number | null;
  unitAmountDecimal?: string | null;
  tiersMode?: PriceTiersMode | null;
  tiers?: PriceTierInput[] | null;
}

export const MAX_PRICE_TIERS = 100;
/** A price recurs at most yearly (Stripe's rule): 365 days, 52 weeks, 12 months or 1 year. */
export const MAX_INTERVAL_COUNT: Record<PriceInterval, number> = { day: 365, week: 52, month: 12, year: 1 };
export const MAX_TRIAL_DAYS = 730;

const bad = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", reason, message, details ? { details } : {});

function checkDecimal(value: string, field: string): string {
  if (!UNIT_AMOUNT_DECIMAL_PATTERN.test(value)) {
    throw bad("INVALID_AMOUNT", `${field} is a decimal of minor units (up to 12 decimals).`, { field });
  }
  return normalizeDecimal(value);
}

function tierProblem(index: number, problem: string): AppError {
  return bad("PRICE_TIERS_INVALID", `Tier ${index} is invalid (${problem}).`, { index, problem });
}

/**
 * Tiers in ascending `upTo`, the last one (only) unbounded; each with a unit amount (whole
 * or decimal, not both) and/or a flat amount. Stored with explicit zeros, as pricing reads them.
 */
function checkTiers(tiers: PriceTierInput[]): PriceTier[] {
  if (tiers.length > MAX_PRICE_TIERS) throw tierProblem(MAX_PRICE_TIERS, "too_many");
  let previous = 0;
  return tiers.map((tier, index) => {
    const last = index === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) throw tierProblem(index, "unbounded_not_last");
    } else {
      if (last) throw tierProblem(index, "last_not_unbounded");
      if (!Number.isSafeInteger(tier.upTo) || tier.upTo < 1) throw tierProblem(index, "invalid_up_to");
      if (tier.upTo <= previous) throw tierProblem(index, "not_ascending");
      previous = tier.upTo;
    }
    const hasUnit = tier.unitAmount != null;
    const hasDecimal = tier.unitAmountDecimal != null;
    if (hasUnit && hasDecimal) throw tierProblem(index, "amount_ambiguous");
    if (!hasUnit && !hasDecimal && tier.flatAmount == null) throw tierProblem(index, "amount_required");
    const field = `tiers.${index}`;
    return {
      upTo: tier.upTo,
      unitAmount: tier.unitAmount == null ? 0 : checkAmount(tier.unitAmount, `${field}.unitAmount`),
      ...(tier.unitAmountDecimal == null
        ? {}
        : { unitAmountDecimal: checkDecimal(tier.unitAmountDecimal, `${field}.unitAmountDecimal`) }),
      flatAmount: tier.flatAmount == null ? 0 : checkAmount(tier.flatAmount, `${field}.flatAmount`),
    };
  });
}

/**
 * The amount terms of a new price, validated: exactly one of `unitAmount`,
 * `unitAmountDecimal` or `tiersMode` + `tiers`. The terms are then priced at one unit and at
 * every tier bound with the same `amountForQuantity` invoices use, so a price whose amounts
 * leave the exact range (2^53 minor units) is refused now, not at its first renewal.
 */
export function checkPriceTerms(type: PriceType, input: PriceAmountInput): PriceTerms {
  const hasUnit = input.unitAmount != null;
  const hasDecimal = input.unitAmountDecimal != null;
  const hasTiers = input.tiers != null || input.tiersMode != null;
  const given = [hasUnit, hasDecimal, hasTiers].filter(Boolean).length;
  if (given === 0) {
    throw bad("PRICE_AMOUNT_REQUIRED", "Give unitAmount, unitAmountDecimal, or tiersMode and tiers.");
  }
  if (given > 1) {
    throw bad("PRICE_AMOUNT_AMBIGUOUS", "Give only one of unitAmount, unitAmountDecimal or tiers.");
  }
  let terms: PriceTerms;
  if (hasTiers) {
    if (!input.tiersMode)
      throw bad("PRICE_TIERS_MODE_REQUIRED", "Tiers need a tiersMode (graduated or volume).");
    if (!input.tiers?.length) throw bad("PRICE_TIERS_REQUIRED", "A tiered price needs one or more tiers.");
    terms = {
      type,
      unitAmount: null,
      unitAmountDecimal: null,
      tiersMode: input.tiersMode,
      tiers: checkTiers(input.tiers),
    };
  } else {
    terms = {
      type,
      unitAmount: input.unitAmount == null ? null : checkAmount(input.unitAmount, "unitAmount"),
      unitAmountDecimal:
        input.unitAmountDecimal == null ? null : checkDecimal(input.unitAmountDecimal, "unitAmountDecimal"),
      tiersMode: null,
      tiers: null,
    };
  }
  const quantities = [1, ...(terms.tiers ?? []).flatMap((tier) => (tier.upTo === null ? [] : [tier.upTo]))];
  try {
    for (const quantity of quantities) amountForQuantity(terms, quantity);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw bad("PRICE_AMOUNT_TOO_LARGE", "The price's amounts exceed the exact range of minor units.");
  }
  return terms;
}

/** `intervalCount` of `interval`, at least once and at most a year. */
export function checkRecurrence(interval: PriceInterval, intervalCount: number): number {
  if (!Number.isSafeInteger(intervalCount) || intervalCount < 1) {
    throw bad("INVALID_INTERVAL_COUNT", "intervalCount is a whole number, at least 1.");
  }
  const max = MAX_INTERVAL_COUNT[interval];
  if (intervalCount > max) {
    throw bad("PRICE_INTERVAL_TOO_LONG", "A price recurs at least once a year.", { interval, max });
  }
  return intervalCount;
}

/** Trial days of a licensed price: 1 to 730; metered prices have none (usage has no trial). */
export function checkTrialDays(type: PriceType, trialDays: number | null | undefined): number | null {
  if (trialDays == null) return null;
  if (type === "metered") throw bad("PRICE_TRIAL_NOT_ALLOWED", "Metered prices cannot have trial days.");
  if (!Number.isSafeInteger(trialDays) || trialDays < 1 || trialDays > MAX_TRIAL_DAYS) {
    throw bad("INVALID_TRIAL_DAYS", `trialDays is 1 to ${MAX_TRIAL_DAYS}.`, { max: MAX_TRIAL_DAYS });
  }
  return trialDays;
}
