import { billPeriods, openSubscription, type BillingDeps } from "../billing.js";
import { addHours, addMinutes, addMonths, periodsUntil } from "../dates.js";

/** Soylent Foods: Starter, paused ten days ago (invoices voided meanwhile), resumes in twenty. */
export function paused(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const anchor = addMonths(ctx.day(-3, 8), -5);
  const story = openSubscription(deps, "soylent", {
    since: addHours(anchor, -3),
    cardholder: "Sol Roth",
    cards: {
      discover: {
        brand: "discover",
        last4: "1117",
        expiresInMonths: 19,
        addedAt: addHours(anchor, -3),
        isDefault: true,
      },
    },
    status: "paused",
    anchor,
    periods: periodsUntil(anchor, 1, ctx.now),
    items: [{ price: catalog.prices.starterMonthly, quantity: 1 }],
  });
  const { customer, subscription, cards } = story;
  const pausedAt = ctx.day(-10, 16, 45);
  subscription.pausedAt = pausedAt;
  subscription.resumeAt = ctx.day(20);
  subscription.pauseBehavior = "void";
  billPeriods(book, story, {
    outcome: (_k, period) =>
      period.start.getTime() >= pausedAt.getTime()
        ? {
            kind: "void",
            at: addMinutes(period.start, 1),
            memo: "Voided automatically: collection is paused.",
          }
        : { kind: "pay", method: cards.discover },
  });
  subscription.updatedAt = pausedAt;
  return { customer, subscription };
}
