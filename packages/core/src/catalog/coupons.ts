import {
  Coupon,
  newPublicId,
  queueAuditEvent,
  type CouponDuration,
  type EntityManager,
  type ICoupon,
} from "@portico/db";
import { auditEventBy, type MerchantActor } from "../common/actor.js";
import { checkAmount } from "../common/amount.js";
import { normalizeCurrency } from "../common/currency.js";
import { flushOrConflict } from "../common/flush.js";
import { archiveRow } from "../common/archive.js";
import { findPage, type Page, type PageParams } from "../common/keyset-page.js";
import { checkMetadata, type Metadata } from "../common/metadata.js";
import { requiredText } from "../common/text.js";
import type { Clock } from "../clock.js";
import { AppError } from "../errors.js";

export interface CreateCouponInput {
  /** What customers type (`WELCOME20`): letters, digits, `-` and `_`; stored upper-cased. */
  code: string;
  name: string;
  /** Basis points, 1 to 10 000 (1250 = 12.5 %); or else `amountOff` + `currency`. */
  percentOffBps?: number | null;
  amountOff?: number | null;
  currency?: string | null;
  duration: CouponDuration;
  /** Months a `repeating` coupon applies for. */
  durationInMonths?: number | null;
  maxRedemptions?: number | null;
  /** Last instant the coupon can be redeemed; must be in the future. */
  redeemBy?: Date | null;
  metadata?: Metadata;
}

export type CouponRef = { id: string } | { code: string };

export interface ListCouponsInput extends PageParams {
  active?: boolean;
}

const CODE_PATTERN = /^[A-Z0-9_-]{1,100}$/;
const MAX_DURATION_IN_MONTHS = 1200;

const bad = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", reason, message, details ? { details } : {});

/** Codes are matched case-insensitively: `welcome20` finds `WELCOME20`. */
function normalizeCode(code: string): string {
  const normalized = code.trim().toUpperCase();
  if (!CODE_PATTERN.test(normalized)) {
    throw bad("INVALID_COUPON_CODE", "A code is 1 to 100 letters, digits, '-' or '_'.");
  }
  return normalized;
}

function codeInUse(code: string): AppError {
  return new AppError("CONFLICT", "COUPON_CODE_IN_USE", "Another coupon has this code.", {
    details: { code },
  });
}

type CouponDiscount = Pick<ICoupon, "percentOffBps" | "amountOff" | "amountOffCurrency">;

/** Exactly one of a percentage or an amount with its currency. */
function checkDiscount(input: CreateCouponInput): CouponDiscount {
  const hasPercent = input.percentOffBps != null;
  const hasAmount = input.amountOff != null;
  if (hasPercent === hasAmount) {
    throw bad(
      hasPercent ? "COUPON_DISCOUNT_AMBIGUOUS" : "COUPON_DISCOUNT_REQUIRED",
      "Give either percentOffBps or amountOff with currency.",
    );
  }
  if (input.percentOffBps != null) {
    const bps = input.percentOffBps;
    if (!Number.isInteger(bps) || bps < 1 || bps > 10_000) {
      throw bad("COUPON_PERCENT_OUT_OF_RANGE", "percentOffBps is 1 to 10 000 (0.01 % to 100 %).");
    }
    if (input.currency != null) {
      throw bad("COUPON_CURRENCY_NOT_ALLOWED", "A percent-off coupon has no currency.");
    }
    return { percentOffBps: bps, amountOff: null, amountOffCurrency: null };
  }
  if (input.currency == null) throw bad("COUPON_CURRENCY_REQUIRED", "An amount-off coupon needs a currency.");
  return {
    percentOffBps: null,
    amountOff: checkAmount(input.amountOff ?? 0, "amountOff", 1),
    amountOffCurrency: normalizeCurrency(input.currency),
  };
}

function checkDuration(duration: CouponDuration, months: number | null | undefined): number | null {
  if (duration !== "repeating") {
    if (months != null) {
      throw bad("COUPON_DURATION_IN_MONTHS_NOT_ALLOWED", "Only a repeating coupon has durationInMonths.");
    }
    return null;
  }
  if (months == null)
    throw bad("COUPON_DURATION_IN_MONTHS_REQUIRED", "A repeating coupon needs durationInMonths.");
  if (!Number.isInteger(months) || months < 1 || months > MAX_DURATION_IN_MONTHS) {
    throw bad("INVALID_DURATION_IN_MONTHS", `durationInMonths is 1 to ${MAX_DURATION_IN_MONTHS}.`);
  }
  return months;
}

/** A coupon of `merchantId` by id or code; another merchant's is the same NOT_FOUND. */
export async function getCoupon(em: EntityManager, merchantId: number, ref: CouponRef): Promise<ICoupon> {
  const where = "id" in ref ? { publicId: ref.id } : { code: ref.code.trim().toUpperCase() };
  const coupon = await em.findOne(Coupon, { ...where, merchant: merchantId });
  if (!coupon) throw new AppError("NOT_FOUND", "COUPON_NOT_FOUND", "No such coupon.");
  return coupon;
}

export async function createCoupon(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  input: CreateCouponInput,
): Promise<ICoupon> {
  const now = clock.now();
  const code = normalizeCode(input.code);
  const name = requiredText(input.name, "name", 200);
  const discount = checkDiscount(input);
  const durationInMonths = checkDuration(input.duration, input.durationInMonths);
  if (input.maxRedemptions != null && (!Number.isInteger(input.maxRedemptions) || input.maxRedemptions < 1)) {
    throw bad("INVALID_MAX_REDEMPTIONS", "maxRedemptions is a whole number, at least 1.");
  }
  if (input.redeemBy != null && input.redeemBy.getTime() <= now.getTime()) {
    throw bad("COUPON_REDEEM_BY_IN_PAST", "redeemBy must be in the future.");
  }
  const metadata = checkMetadata(input.metadata ?? {});
  if ((await em.count(Coupon, { merchant: actor.merchantId, code })) > 0) throw codeInUse(code);

  const coupon = em.create(Coupon, {
    publicId: newPublicId("coupon"),
    merchant: actor.merchantId,
    code,
    name,
    ...discount,
    duration: input.duration,
    durationInMonths,
    maxRedemptions: input.maxRedemptions ?? null,
    redeemBy: input.redeemBy ?? null,
    metadata,
    createdAt: now,
    updatedAt: now,
  });
  queueAuditEvent(
    em,
    auditEventBy(actor, {
      action: "Coupon.Created",
      targetType: "coupon",
      targetId: coupon.publicId,
      data: { code, ...discount, duration: input.duration, durationInMonths },
      at: now,
    }),
  );
  await flushOrConflict(em, () => codeInUse(code));
  return coupon;
}

/** Stops new redemptions; discounts already applied run their course. Idempotent. */
export async function archiveCoupon(
  em: EntityManager,
  clock: Clock,
  actor: MerchantActor,
  id: string,
): Promise<ICoupon> {
  const coupon = await getCoupon(em, actor.merchantId, { id });
  return archiveRow(em, clock, actor, coupon, { action: "Coupon.Archived", targetType: "coupon" });
}

/** The merchant's coupons, newest first, a keyset page at a time. */
export async function listCoupons(
  em: EntityManager,
  merchantId: number,
  input: ListCouponsInput,
): Promise<Page<ICoupon>> {
  const where = { merchant: merchantId, ...(input.active === undefined ? {} : { active: input.active }) };
  return findPage(em, Coupon, { table: "coupon", merchantId, where }, input);
}
