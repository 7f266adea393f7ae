import { z } from "zod";
import { ZCountry, ZCurrency, ZMetadata, ZMetadataPatch, ZMinorUnits, pageOf } from "./common.js";
import { publicIdOf } from "./integration.js";

/**
 * Inputs of `integration.{products,prices,coupons,taxRates}`. Enumerations mirror
 * @portico/db (PRICE_TYPES, PRICE_INTERVALS, PRICE_TIERS_MODES, COUPON_DURATIONS); a test in
 * @portico/api keeps them equal.
 */
export const PRICE_TYPE_VALUES = ["flat", "per_seat", "metered"] as const;
export const PRICE_INTERVAL_VALUES = ["day", "week", "month", "year"] as const;
export const PRICE_TIERS_MODE_VALUES = ["graduated", "volume"] as const;
export const COUPON_DURATION_VALUES = ["once", "repeating", "forever"] as const;

const ZName = z.string().trim().min(1).max(200);
const ZIdInput = (prefix: string) => z.strictObject({ id: publicIdOf(prefix) });

// Products

const productFields = {
  description: z.string().trim().max(40_000).nullable().optional(),
  /** What one unit is called on invoices ("seat", "GB"). */
  unitLabel: z.string().trim().max(40).nullable().optional(),
  active: z.boolean().optional(),
};

export const ZCreateProductInput = z.strictObject({
  name: ZName,
  metadata: ZMetadata.optional(),
  ...productFields,
});
export type TCreateProductInput = z.infer<typeof ZCreateProductInput>;

export const ZUpdateProductInput = z.strictObject({
  id: publicIdOf("prod"),
  name: ZName.optional(),
  metadata: ZMetadataPatch.optional(),
  ...productFields,
});
export type TUpdateProductInput = z.infer<typeof ZUpdateProductInput>;

export const ZProductIdInput = ZIdInput("prod");
export type TProductIdInput = z.infer<typeof ZProductIdInput>;

export const ZListProductsInput = pageOf(publicIdOf("prod")).extend({ active: z.boolean().optional() });
export type TListProductsInput = z.infer<typeof ZListProductsInput>;

// Prices

/** Minor units as a decimal string, up to 12 decimals: `"0.25"` is a quarter of a cent. */
const ZUnitAmountDecimal = z
  .string()
  .trim()
  .regex(/^\d{1,18}(\.\d{1,12})?$/, "Expected a decimal number of minor units.");

const ZLookupKey = z.string().trim().min(1).max(200);

export const ZPriceTier = z.strictObject({
  /** Inclusive upper bound; null for the last, unbounded tier. */
  upTo: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable(),
  unitAmount: ZMinorUnits.optional(),
  unitAmountDecimal: ZUnitAmountDecimal.optional(),
  flatAmount: ZMinorUnits.optional(),
});
export type TPriceTier = z.infer<typeof ZPriceTier>;

const priceLabels = {
  nickname: z.string().trim().max(200).nullable().optional(),
  /** Move the lookup key from the price holding it instead of answering CONFLICT. */
  transferLookupKey: z.boolean().optional(),
  active: z.boolean().optional(),
};

/** Exactly one of unitAmount, unitAmountDecimal or tiersMode + tiers (core checks the combination). */
export const ZCreatePriceInput = z.strictObject({
  product: publicIdOf("prod"),
  currency: ZCurrency,
  type: z.enum(PRICE_TYPE_VALUES),
  unitAmount: ZMinorUnits.optional(),
  unitAmountDecimal: ZUnitAmountDecimal.optional(),
  tiersMode: z.enum(PRICE_TIERS_MODE_VALUES).optional(),
  tiers: z.array(ZPriceTier).min(1).max(100).optional(),
  interval: z.enum(PRICE_INTERVAL_VALUES),
  /** At most a year in all: 365 days, 52 weeks, 12 months or 1 year. */
  intervalCount: z.number().int().min(1).max(365).optional(),
  /** `mtr_…`, for metered prices only. */
  meter: publicIdOf("mtr").optional(),
  trialDays: z.number().int().min(1).max(730).optional(),
  lookupKey: ZLookupKey.optional(),
  metadata: ZMetadata.optional(),
  ...priceLabels,
});
export type TCreatePriceInput = z.infer<typeof ZCreatePriceInput>;

/** A price's amounts are fixed: only its labels change (unknown keys are refused). */
export const ZUpdatePriceInput = z.strictObject({
  id: publicIdOf("price"),
  lookupKey: ZLookupKey.nullable().optional(),
  metadata: ZMetadataPatch.optional(),
  ...priceLabels,
});
export type TUpdatePriceInput = z.infer<typeof ZUpdatePriceInput>;

export const ZPriceRefInput = z.union([ZIdInput("price"), z.strictObject({ lookupKey: ZLookupKey })]);
export type TPriceRefInput = z.infer<typeof ZPriceRefInput>;

export const ZListPricesInput = pageOf(publicIdOf("price")).extend({
  product: publicIdOf("prod").optional(),
  active: z.boolean().optional(),
  currency: ZCurrency.optional(),
  type: z.enum(PRICE_TYPE_VALUES).optional(),
});
export type TListPricesInput = z.infer<typeof ZListPricesInput>;

// Coupons

const ZCouponCode = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, '-' and '_'.");

/** Either percentOffBps or amountOff + currency; durationInMonths with `repeating` only. */
export const ZCreateCouponInput = z.strictObject({
  code: ZCouponCode,
  name: ZName,
  /** Basis points: 1250 = 12.5 %. */
  percentOffBps: z.number().int().min(1).max(10_000).optional(),
  amountOff: ZMinorUnits.min(1).optional(),
  currency: ZCurrency.optional(),
  duration: z.enum(COUPON_DURATION_VALUES),
  durationInMonths: z.number().int().min(1).max(1200).optional(),
  maxRedemptions: z.number().int().min(1).max(2_147_483_647).optional(),
  /** ISO 8601 instant with an offset, in the future. */
  redeemBy: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
  metadata: ZMetadata.optional(),
});
export type TCreateCouponInput = z.infer<typeof ZCreateCouponInput>;

export const ZCouponRefInput = z.union([ZIdInput("coupon"), z.strictObject({ code: ZCouponCode })]);
export type TCouponRefInput = z.infer<typeof ZCouponRefInput>;

export const ZCouponIdInput = ZIdInput("coupon");
export type TCouponIdInput = z.infer<typeof ZCouponIdInput>;

export const ZListCouponsInput = pageOf(publicIdOf("coupon")).extend({ active: z.boolean().optional() });
export type TListCouponsInput = z.infer<typeof ZListCouponsInput>;

// Tax rates

export const ZCreateTaxRateInput = z.strictObject({
  displayName: z.string().trim().min(1).max(100),
  description: z.string().trim().max(255).optional(),
  /** Parts per million: 20 % = 200 000, 8.875 % = 88 750. */
  ratePpm: z.number().int().min(0).max(1_000_000),
  /** true: prices include the tax; false (default): it is added on top. */
  inclusive: z.boolean().optional(),
  country: ZCountry.optional(),
  state: z.string().trim().min(1).max(100).optional(),
  metadata: ZMetadata.optional(),
});
export type TCreateTaxRateInput = z.infer<typeof ZCreateTaxRateInput>;

export const ZTaxRateIdInput = ZIdInput("txr");
export type TTaxRateIdInput = z.infer<typeof ZTaxRateIdInput>;

export const ZListTaxRatesInput = pageOf(publicIdOf("txr")).extend({ active: z.boolean().optional() });
export type TListTaxRatesInput = z.infer<typeof ZListTaxRatesInput>;
