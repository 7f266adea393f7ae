import { billPeriods, chargeTime, openSubscription, type BillingDeps } from "../billing.js";
import { addDays, addHours, addMinutes, addMonths, periodsUntil } from "../dates.js";

/**
 * Globex: past due on 5 Team seats. A renewal months ago was paid on its first retry; the
 * current one was declined on the first charge and two retries, the next retry is due. A
 * one-off onboarding invoice was declined twice too, so the portal's pay flow has two
 * overdue invoices to work on; beside the declining default card there are a good
 * Mastercard and an expired Amex (shown, but not offered, when paying).
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
      expired: { brand: "amex", last4: "0005", expiresInMonths: -3, addedAt: addHours(anchor, -19) },
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

  const onboardingIssued = ctx.day(-9, 14);
  const onboarding = book.issue({
    customer,
    billingReason: "manual",
    issuedAt: onboardingIssued,
    lines: [
      {
        type: "one_off",
        description: "Priority onboarding for 3 new seats",
        quantity: 3,
        unitAmount: 100_00,
        amount: 300_00,
      },
    ],
  });
  book.fail(onboarding, addMinutes(onboardingIssued, 2), cards.declining, "card_declined");
  book.fail(onboarding, addDays(onboardingIssued, 3), cards.declining, "card_declined");
  return { customer, subscription, latest: invoices[last]!, onboarding };
}
