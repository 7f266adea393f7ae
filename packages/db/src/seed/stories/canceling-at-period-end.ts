import { billPeriods, openSubscription, type BillingDeps } from "../billing.js";
import { addHours, addMonths, periodsUntil } from "../dates.js";

/** Initech: 4 Team seats, every renewal paid, set to cancel at the end of the current period. */
export function cancelingAtPeriodEnd(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const anchor = addMonths(ctx.day(-20, 11), -7);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const story = openSubscription(deps, "initech", {
    since: addHours(anchor, -1),
    cardholder: "Bill Lumbergh",
    cards: {
      visa: {
        brand: "visa",
        last4: "5556",
        expiresInMonths: 11,
        addedAt: addHours(anchor, -1),
        isDefault: true,
      },
    },
    status: "active",
    anchor,
    periods,
    items: [{ price: catalog.prices.teamMonthly, quantity: 4 }],
  });
  const { customer, subscription, cards } = story;
  billPeriods(book, story, { outcome: () => ({ kind: "pay", method: cards.visa }) });
  const canceledAt = ctx.day(-2, 15, 30);
  subscription.cancelAtPeriodEnd = true;
  subscription.cancelAt = periods.at(-1)!.end;
  subscription.canceledAt = canceledAt;
  subscription.cancellationReason = "cancellation_requested";
  subscription.updatedAt = canceledAt;
  return { customer, subscription };
}
