import { Discount, type EntityManager, type ICoupon, type IDiscount, type ISubscription } from "@portico/db";
import { periodBoundary } from "../billing/periods.js";
import { getCoupon } from "../catalog/coupons.js";
import { AppError } from "../errors.js";
import { badSubscriptionInput } from "./errors.js";

/** A coupon by public id (`coupon_…`) or by the code customers type. */
async function findCoupon(em: EntityManager, merchantId: number, ref: string): Promise<ICoupon> {
  if (!ref.startsWith("coupon_")) return getCoupon(em, merchantId, { code: ref });
  try {
    return await getCoupon(em, merchantId, { id: ref });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      return getCoupon(em, merchantId, { code: ref });
    throw error;
  }
}

/**
 * Redeems a coupon for a new subscription, inside the caller's transaction: the coupon must
 * be active, not past `redeemBy`, and (amount off) in the subscription's currency. The
 * redemption count is incremented by one conditional UPDATE, so `maxRedemptions` holds
 * under concurrent redemptions (the row stays locked until the transaction ends, and a
 * rollback gives the redemption back). The Discount lasts: `once` → until its first invoice
 * (endsAt is set then), `repeating` → N calendar months from now, `forever` → no end.
 */
export async function redeemCoupon(
  em: EntityManager,
  subscription: ISubscription,
  ref: string,
  now: Date,
): Promise<IDiscount> {
  const coupon = await findCoupon(em, subscription.merchant.id, ref);
  if (!coupon.active) throw badSubscriptionInput("COUPON_INACTIVE", "This coupon is archived.");
  if (coupon.redeemBy && coupon.redeemBy.getTime() <= now.getTime()) {
    throw badSubscriptionInput("COUPON_EXPIRED", "This coupon can no longer be redeemed.");
  }
  if (coupon.amountOff != null && coupon.amountOffCurrency !== subscription.currency) {
    throw badSubscriptionInput("COUPON_CURRENCY_MISMATCH", `This coupon is in ${coupon.amountOffCurrency}.`, {
      couponCurrency: coupon.amountOffCurrency,
      currency: subscription.currency,
    });
  }
  const redeemed = await em.execute<{ times_redeemed: number }[]>(
    `update "coupon" set "times_redeemed" = "times_redeemed" + 1
     where "id" = ? and ("max_redemptions" is null or "times_redeemed" < "max_redemptions")
     returning "times_redeemed"`,
    [coupon.id],
  );
  if (redeemed.length === 0) {
    throw badSubscriptionInput(
      "COUPON_MAX_REDEMPTIONS",
      "This coupon has been redeemed as often as it may be.",
    );
  }
  const endsAt =
    coupon.duration === "repeating"
      ? periodBoundary(now, { interval: "month", intervalCount: coupon.durationInMonths ?? 1 }, 1)
      : null;
  return em.create(Discount, {
    merchant: subscription.merchant.id,
    customer: subscription.customer.id,
    coupon,
    subscription,
    startsAt: now,
    endsAt,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * The discount an invoice of the subscription created at `at` gets: the subscription's own,
 * else one on the whole customer account (Stripe's precedence), if it has started and not
 * ended or been removed.
 */
export async function activeDiscount(
  em: EntityManager,
  subscription: ISubscription,
  at: Date,
): Promise<IDiscount | null> {
  const discounts = await em.find(
    Discount,
    {
      customer: subscription.customer.id,
      invoice: null,
      removedAt: null,
      startsAt: { $lte: at },
      $and: [
        { $or: [{ endsAt: null }, { endsAt: { $gt: at } }] },
        { $or: [{ subscription: subscription.id }, { subscription: null }] },
      ],
    },
    { populate: ["coupon"], orderBy: { id: "desc" } },
  );
  return discounts.find((d) => d.subscription?.id === subscription.id) ?? discounts[0] ?? null;
}

/** A `once` discount ends with the invoice that used it. */
export function markDiscountUsed(discount: IDiscount, at: Date): void {
  if (discount.coupon.getEntity().duration === "once") discount.endsAt = at;
}
