import { billPeriods, openSubscription, type BillingDeps } from "../billing.js";
import { addDays, addMinutes } from "../dates.js";

/** Umbrella Labs: Starter in its 14-day trial; the trial invoice has nothing to charge. */
export function trialing(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { starterMonthly } = catalog.prices;
  const startedAt = ctx.day(-5, 14, 20);
  const trial = { start: startedAt, end: addDays(startedAt, starterMonthly.trialDays ?? 14) };
  const story = openSubscription(deps, "umbrella", {
    since: addMinutes(startedAt, -12),
    cardholder: "Claire Redfield",
    cards: {
      visa: { brand: "visa", last4: "4242", expiresInMonths: 22, addedAt: startedAt, isDefault: true },
    },
    status: "trialing",
    anchor: trial.end,
    periods: [trial],
    trial,
    items: [{ price: starterMonthly, quantity: 1 }],
  });
  billPeriods(book, story, {
    lines: (period) => [
      {
        type: "subscription",
        description: "Trial period for Starter",
        quantity: 1,
        unitAmount: 0,
        amount: 0,
        price: starterMonthly,
        subscriptionItem: story.items[0],
        period,
      },
    ],
    outcome: () => ({ kind: "pay", method: null, at: startedAt }),
  });
  return { customer: story.customer, subscription: story.subscription };
}
