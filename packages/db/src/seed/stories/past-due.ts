import { billPeriods, chargeTime, openSubscription, type BillingDeps } from "../billing.js";
import { addHours, addMonths, periodsUntil } from "../dates.js";

/**
 * Globex: past due on 5 Team seats. A renewal months ago was paid on its first retry; the
 * current one was declined on the first charge and two retries, the next retry is due.
 */
export function pastDue(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const anchor = addMonths(ctx.day(-4, 10), -7);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const last = periods.length - 1;
  const story = openSubscription(deps, "globex", {
    since: addHours(anchor, -20),
    cardholder: "Hank Scorpio",
    cards: {
      mastercard: { brand: "mastercard", last4: "4444", expiresInMonths: 14, addedAt: addHours(anchor, -20) },
      declining: {
        brand: "visa",
        last4: "0002",
        expiresInMonths: 30,
        addedAt: ctx.day(-20, 15, 40),
        isDefault: true,
      },
    },
    status: "past_due",
    anchor,
    periods,
    items: [{ price: catalog.prices.teamMonthly, quantity: 5 }],
  });
  const { customer, subscription, cards } = story;
  const invoices = billPeriods(book, story, {
    outcome: (k) => {
      if (k === 2) return { kind: "retry", declined: cards.mastercard, code: "insufficient_funds" };
      if (k < last) return { kind: "pay", method: cards.mastercard };
      return { kind: "fail", method: cards.declining, code: "card_declined", attempts: 3 };
    },
  });
  subscription.updatedAt = chargeTime(periods[last]!);
  return { customer, subscription, latest: invoices[last]! };
}
