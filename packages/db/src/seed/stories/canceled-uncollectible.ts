import { billPeriods, chargeTime, openSubscription, type BillingDeps } from "../billing.js";
import { addDays, addHours, addMinutes, addMonths, periodsUntil } from "../dates.js";

/**
 * Wayne Enterprises: Starter, canceled. The fourth renewal was declined on the first charge
 * and two retries and written off as uncollectible; the customer then replaced the card.
 */
export function canceledUncollectible(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const anchor = addMonths(ctx.day(-40, 12), -5);
  const periods = periodsUntil(anchor, 1, ctx.day(-40, 12));
  const writtenOff = 3;
  const replacedAt = addDays(periods[writtenOff]!.start, 6);
  const story = openSubscription(deps, "wayne", {
    since: addHours(anchor, -5),
    cardholder: "Lucius Fox",
    cards: {
      old: {
        brand: "visa",
        last4: "9995",
        expiresInMonths: 9,
        addedAt: addHours(anchor, -5),
        detachedAt: addMinutes(replacedAt, 5),
      },
      replacement: {
        brand: "visa",
        last4: "4242",
        expiresInMonths: 36,
        addedAt: replacedAt,
        isDefault: true,
      },
    },
    status: "canceled",
    anchor,
    periods,
    items: [{ price: catalog.prices.starterMonthly, quantity: 1 }],
  });
  const { customer, subscription, cards } = story;
  const invoices = billPeriods(book, story, {
    outcome: (k, period) => {
      if (k < writtenOff) return { kind: "pay", method: cards.old };
      if (k > writtenOff) return { kind: "pay", method: cards.replacement };
      return {
        kind: "uncollectible",
        method: cards.old,
        code: "insufficient_funds",
        attempts: 3,
        at: addHours(addDays(chargeTime(period), 4), 3),
        memo: "Written off after a billing dispute.",
      };
    },
  });
  const canceledAt = ctx.day(-25, 10, 15);
  subscription.canceledAt = canceledAt;
  subscription.endedAt = canceledAt;
  subscription.cancellationReason = "cancellation_requested";
  subscription.updatedAt = canceledAt;
  return { customer, subscription, uncollectible: invoices[writtenOff]! };
}
