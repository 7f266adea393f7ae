import type {
  CouponDuration,
  ICoupon,
  IPrice,
  IProduct,
  ITaxRate,
  PriceInterval,
  PriceTier,
  PriceTiersMode,
  PriceType,
} from "@portico/db";
import { normalizeDecimal } from "./decimal.js";

/**
 * Catalog rows as the API shows them: public ids only, ISO 8601 dates, minor units.
 * `updatedAt` is stamped by the entity on every write (wall clock), not by the caller's clock.
 */

export interface ProductDto {
  id: string;
  name: string;
  description: string | null;
  unitLabel: string | null;
  active: boolean;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export function toProductDto(product: IProduct): ProductDto {
  return {
    id: product.publicId,
    name: product.name,
    description: product.description ?? null,
    unitLabel: product.unitLabel ?? null,
    active: product.active,
    metadata: product.metadata,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export interface PriceDto {
  id: string;
  /** `prod_…` */
  product: string;
  currency: string;
  type: PriceType;
  unitAmount: number | null;
  /** Minor units as a decimal string (`"0.25"`), for prices finer than a minor unit. */
  unitAmountDecimal: string | null;
  tiersMode: PriceTiersMode | null;
  tiers: PriceTier[] | null;
  interval: PriceInterval;
  intervalCount: number;
  /** `mtr_…` of a metered price. */
  meter: string | null;
  trialDays: number | null;
  active: boolean;
  nickname: string | null;
  lookupKey: string | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** Needs `product` and `meter` loaded (`populate: ["product", "meter"]`). */
export function toPriceDto(price: IPrice): PriceDto {
  return {
    id: price.publicId,
    product: price.product.getEntity().publicId,
    currency: price.currency,
    type: price.type,
    unitAmount: price.unitAmount ?? null,
    unitAmountDecimal: price.unitAmountDecimal == null ? null : normalizeDecimal(price.unitAmountDecimal),
    tiersMode: price.tiersMode ?? null,
    tiers: price.tiers ?? null,
    interval: price.interval,
    intervalCount: price.intervalCount,
    meter: price.meter?.getEntity().publicId ?? null,
    trialDays: price.trialDays ?? null,
    active: price.active,
    nickname: price.nickname ?? null,
    lookupKey: price.lookupKey ?? null,
    metadata: price.metadata,
    createdAt: price.createdAt.toISOString(),
    updatedAt: price.updatedAt.toISOString(),
  };
}

export interface CouponDto {
  id: string;
  code: string;
  name: string;
  /** Basis points: 1250 = 12.5 %. Null for an amount-off coupon. */
  percentOffBps: number | null;
  /** Minor units of `currency`. Null for a percent-off coupon. */
  amountOff: number | null;
  currency: string | null;
  duration: CouponDuration;
  durationInMonths: number | null;
  maxRedemptions: number | null;
  timesRedeemed: number;
  redeemBy: string | null;
  active: boolean;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export function toCouponDto(coupon: ICoupon): CouponDto {
  return {
    id: coupon.publicId,
    code: coupon.code,
    name: coupon.name,
    percentOffBps: coupon.percentOffBps ?? null,
    amountOff: coupon.amountOff ?? null,
    currency: coupon.amountOffCurrency ?? null,
    duration: coupon.duration,
    durationInMonths: coupon.durationInMonths ?? null,
    maxRedemptions: coupon.maxRedemptions ?? null,
    timesRedeemed: coupon.timesRedeemed,
    redeemBy: coupon.redeemBy?.toISOString() ?? null,
    active: coupon.active,
    metadata: coupon.metadata,
    createdAt: coupon.createdAt.toISOString(),
    updatedAt: coupon.updatedAt.toISOString(),
  };
}

export interface TaxRateDto {
  id: string;
  displayName: string;
  description: string | null;
  /** Parts per million: 20 % = 200 000. */
  ratePpm: number;
  inclusive: boolean;
  country: string | null;
  state: string | null;
  active: boolean;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export function toTaxRateDto(rate: ITaxRate): TaxRateDto {
  return {
    id: rate.publicId,
    displayName: rate.displayName,
    description: rate.description ?? null,
    ratePpm: rate.ratePpm,
    inclusive: rate.inclusive,
    country: rate.country ?? null,
    state: rate.state ?? null,
    active: rate.active,
    metadata: rate.metadata,
    createdAt: rate.createdAt.toISOString(),
    updatedAt: rate.updatedAt.toISOString(),
  };
}
