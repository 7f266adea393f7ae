import type { IPaymentMethod, ISubscription, ISubscriptionItem } from "../../entities/index.js";
import { billPeriods, openSubscription, planLine, usageLine, type BillingDeps } from "../billing.js";
import type { DemoCustomer } from "../customers.js";
import { addDays, addHours, addMinutes, addMonths, periodsUntil, type Period } from "../dates.js";
import type { InvoiceBook, LineInput } from "../invoices.js";
import { prorate } from "../money.js";
import { buildUsageSeries, persistUsage, usageIn, usageWindowStart } from "../usage.js";

/**
 * Northwind Traders: active on Team, 5 seats upgraded to 8 mid-period (prorated), metered
 * API usage billed in arrears. The first card expired and was declined at a renewal; the
 * customer replaced it the next day. An onboarding invoice was voided.
 */
export function activeWithUsage(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { teamMonthly, apiRequests } = catalog.prices;
  const anchor = addMonths(ctx.day(-18, 9), -9);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const last = periods.length - 1;
  const period = (k: number) => periods[k]!;
  const declinedIndex = last - 5;
  const replacedAt = addDays(period(declinedIndex).start, 1);
  const upgradeIndex = last - 4;
  const upgradeAt = addHours(addDays(period(upgradeIndex).start, 12), 6);
  const seats = (k: number) => (k <= upgradeIndex ? 5 : 8);

  const story = openSubscription(deps, "northwind", {
    since: addDays(anchor, -2),
    cardholder: "Nadia Rahman",
    cards: {
      expired: {
        brand: "mastercard",
        last4: "4444",
        expiresIn: addMonths(period(declinedIndex).start, -1),
        addedAt: addDays(anchor, -2),
        detachedAt: addHours(replacedAt, 2),
      },
      current: {
        brand: "visa",
        last4: "4242",
        expiresInMonths: 28,
        addedAt: addMinutes(replacedAt, 80),
        isDefault: true,
      },
      company: {
        brand: "amex",
        last4: "0005",
        expiresInMonths: 40,
        holderName: "Northwind Traders",
        addedAt: addDays(period(last - 2).start, 3),
      },
    },
    status: "active",
    anchor,
    periods,
    items: [
      { price: teamMonthly, quantity: 8 },
      { price: apiRequests, quantity: 1 },
    ],
  });
  const { customer, subscription, cards } = story;
  const [seatItem, usageItem] = story.items;
  seatItem.updatedAt = upgradeAt;

  const samples = buildUsageSeries(ctx, 7_600);
  const windowStart = usageWindowStart(ctx);
  const usageOf = (k: number) =>
    period(k).start.getTime() >= windowStart.getTime()
      ? usageIn(samples, period(k))
      : 110_000 + 15_000 * k + ctx.rng.int(-8_000, 8_000);

  const invoices = billPeriods(book, story, {
    lines: (current, k) => [
      planLine(seatItem, seats(k), current),
      ...(k > 0 ? [usageLine(usageItem, usageOf(k - 1), period(k - 1))] : []),
    ],
    outcome: (k) => {
      if (k < declinedIndex) return { kind: "pay", method: cards.expired };
      if (k > declinedIndex) return { kind: "pay", method: cards.current };
      // Paid with the new card as soon as the customer added it.
      const at = addMinutes(replacedAt, 85);
      return { kind: "retry", declined: cards.expired, code: "expired_card", method: cards.current, at };
    },
    after: (_invoice, k, current) => {
      const seatChange = { customer, subscription, item: seatItem, card: cards.current };
      if (k === upgradeIndex) invoiceSeatUpgrade(book, seatChange, current, upgradeAt);
      if (k === 1) voidOnboardingInvoice(book, customer, current);
    },
  });

  persistUsage(ctx, {
    customer,
    subscription,
    meter: catalog.meter,
    samples,
    periods: [period(last - 1), period(last)].filter((p) => p.start.getTime() >= windowStart.getTime()),
  });
  return { customer, subscription, latest: invoices[last]! };
}

/** Mid-period upgrade from 5 to 8 seats, prorated to the second and invoiced (and paid) at once. */
function invoiceSeatUpgrade(
  book: InvoiceBook,
  seats: {
    customer: DemoCustomer;
    subscription: ISubscription;
    item: ISubscriptionItem;
    card: IPaymentMethod;
  },
  current: Period,
  at: Date,
): void {
  const price = seats.item.price.unwrap();
  const unit = price.unitAmount ?? 0;
  const rest = { start: at, end: current.end };
  const line = (description: string, quantity: number, sign: 1 | -1): LineInput => ({
    type: "proration",
    description,
    quantity,
    unitAmount: unit,
    amount: sign * prorate(quantity * unit, current.start, current.end, at),
    price,
    subscriptionItem: seats.item,
    period: rest,
    proration: true,
  });
  const proration = book.issue({
    customer: seats.customer,
    subscription: seats.subscription,
    billingReason: "subscription_update",
    issuedAt: at,
    period: rest,
    lines: [
      line("Unused time on 5 × Team after the upgrade", 5, -1),
      line("Remaining time on 8 × Team after the upgrade", 8, 1),
    ],
  });
  book.pay(proration, addMinutes(at, 1), seats.card);
}

/** A half-day onboarding billed by mistake in the second month, voided the next day. */
function voidOnboardingInvoice(book: InvoiceBook, customer: DemoCustomer, second: Period): void {
  const onboarding = book.issue({
    customer,
    billingReason: "manual",
    collectionMethod: "send_invoice",
    issuedAt: addHours(addDays(second.start, 5), 5),
    lines: [
      {
        type: "one_off",
        description: "Premium onboarding session (half day)",
        quantity: 1,
        unitAmount: 450_00,
        amount: 450_00,
      },
    ],
    memo: "Voided: onboarding is included in the Team plan.",
  });
  book.void(onboarding, addDays(onboarding.issuedAt!, 1));
}
