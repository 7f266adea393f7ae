import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  counterColumn,
  createdAtColumn,
  currencyColumn,
  idColumn,
  metadataColumn,
  moneyColumn,
  publicIdColumn,
  unitAmountDecimalColumn,
  updatedAtColumn,
} from "./columns.js";
import { Customer } from "./customer.js";
import { Invoice } from "./invoice.js";
import { Merchant } from "./merchant.js";
import { Subscription } from "./subscription.js";
import { Meter } from "./usage.js";

/** Something a merchant sells; its prices say how it is billed. */
export const Product = defineEntity({
  name: "Product",
  tableName: "product",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("prod"),
    merchant: () => p.manyToOne(Merchant).ref(),
    name: p.string().length(200),
    description: p.text().nullable(),
    /** Label of one unit on invoices and in the portal ("seat", "GB"). */
    unitLabel: p.string().length(40).nullable(),
    active: p.boolean().default(true),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant", "createdAt", "id"] }],
});
export type IProduct = InferEntity<typeof Product>;

export const PRICE_TYPES = ["flat", "per_seat", "metered"] as const;
export type PriceType = (typeof PRICE_TYPES)[number];
export const PRICE_INTERVALS = ["day", "week", "month", "year"] as const;
export type PriceInterval = (typeof PRICE_INTERVALS)[number];
export const PRICE_TIERS_MODES = ["graduated", "volume"] as const;
export type PriceTiersMode = (typeof PRICE_TIERS_MODES)[number];

/** One tier of a tiered price, in minor units of the price's currency. */
export interface PriceTier {
  /** Inclusive upper bound of the tier; null for the last, unbounded tier. */
  upTo: number | null;
  /** Per-unit amount in this tier. */
  unitAmount: number;
  /** Finer per-unit amount (decimal string of minor units), overriding `unitAmount`. */
  unitAmountDecimal?: string | null;
  /** Fixed amount added once when the tier is reached. */
  flatAmount: number;
}

/**
 * How a product is billed: a recurring amount per interval (`flat`), per seat
 * (`per_seat`, × subscription item quantity) or from a meter's usage (`metered`),
 * optionally tiered (`tiersMode` + `tiers`, then `unitAmount` is null).
 */
export const Price = defineEntity({
  name: "Price",
  tableName: "price",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("price"),
    merchant: () => p.manyToOne(Merchant).ref(),
    product: () => p.manyToOne(Product).ref(),
    currency: currencyColumn(),
    type: p.enum([...PRICE_TYPES]),
    unitAmount: moneyColumn().nullable(),
    unitAmountDecimal: unitAmountDecimalColumn().nullable(),
    interval: p.enum([...PRICE_INTERVALS]),
    intervalCount: p.integer().default(1),
    tiersMode: p.enum([...PRICE_TIERS_MODES]).nullable(),
    tiers: p.json<PriceTier[]>().nullable(),
    /** The meter a `metered` price bills from. */
    meter: () => p.manyToOne(Meter).ref().nullable(),
    trialDays: p.integer().nullable(),
    active: p.boolean().default(true),
    nickname: p.string().length(200).nullable(),
    /** Stable merchant-chosen handle (`pro_monthly`) to find the current price by. */
    lookupKey: p.string().length(200).nullable(),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "lookupKey"] }],
  indexes: [{ properties: ["product"] }, { properties: ["merchant", "createdAt", "id"] }],
});
export type IPrice = InferEntity<typeof Price>;

export const COUPON_DURATIONS = ["once", "repeating", "forever"] as const;
export type CouponDuration = (typeof COUPON_DURATIONS)[number];

/**
 * A discount a merchant offers: either `percentOffBps` (basis points, 1250 = 12.5 %) or
 * `amountOff` + `amountOffCurrency`, for one invoice, N months or forever.
 */
export const Coupon = defineEntity({
  name: "Coupon",
  tableName: "coupon",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("coupon"),
    merchant: () => p.manyToOne(Merchant).ref(),
    /** What customers type or integrators pass (`WELCOME20`), unique per merchant. */
    code: p.string().length(100),
    name: p.string().length(200),
    percentOffBps: p.integer().nullable(),
    amountOff: moneyColumn().nullable(),
    amountOffCurrency: currencyColumn().nullable(),
    duration: p.enum([...COUPON_DURATIONS]),
    durationInMonths: p.integer().nullable(),
    maxRedemptions: p.integer().nullable(),
    timesRedeemed: counterColumn(),
    redeemBy: p.datetime().nullable(),
    active: p.boolean().default(true),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["merchant", "code"] }],
  indexes: [{ properties: ["merchant", "createdAt", "id"] }],
  checks: [
    { name: "coupon_percent_or_amount", expression: "num_nonnulls(percent_off_bps, amount_off) = 1" },
    {
      name: "coupon_amount_has_currency",
      expression: "(amount_off is null) = (amount_off_currency is null)",
    },
  ],
});
export type ICoupon = InferEntity<typeof Coupon>;

/**
 * A coupon applied to a customer: to one subscription, to one invoice, or to the whole
 * account when both are null. Ends at `endsAt` (null for `forever`) or when removed.
 */
export const Discount = defineEntity({
  name: "Discount",
  tableName: "discount",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("di"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    coupon: () => p.manyToOne(Coupon).ref(),
    subscription: () => p.manyToOne(Subscription).ref().nullable(),
    invoice: () => p.manyToOne(Invoice).ref().nullable(),
    startsAt: p.datetime(),
    endsAt: p.datetime().nullable(),
    removedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["customer"] }, { properties: ["subscription"] }],
});
export type IDiscount = InferEntity<typeof Discount>;

/**
 * A simple tax rate. `ratePpm` is parts per million so that every real rate is an exact
 * integer: 20 % = 200 000, 8.875 % (New York City) = 88 750.
 */
export const TaxRate = defineEntity({
  name: "TaxRate",
  tableName: "tax_rate",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("txr"),
    merchant: () => p.manyToOne(Merchant).ref(),
    displayName: p.string().length(100),
    description: p.string().length(255).nullable(),
    ratePpm: p.integer(),
    /** true: prices include the tax (VAT style); false: the tax is added on top. */
    inclusive: p.boolean().default(false),
    /** ISO 3166-1 alpha-2 and region the rate applies to; null applies everywhere. */
    country: p.string().length(2).nullable(),
    state: p.string().length(100).nullable(),
    active: p.boolean().default(true),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  indexes: [{ properties: ["merchant", "country"] }, { properties: ["merchant", "createdAt", "id"] }],
});
export type ITaxRate = InferEntity<typeof TaxRate>;
