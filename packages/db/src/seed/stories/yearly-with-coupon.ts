import { ref } from "@mikro-orm/core";
import { Discount } from "../../entities/index.js";
import { billPeriods, openSubscription, type BillingDeps } from "../billing.js";
import { stamps } from "../context.js";
import { addDays, addHours, addMonths, periodsUntil } from "../dates.js";

/**
 * Stark Industries: Starter yearly with NY sales tax, WELCOME20 off the first invoice, an
 * onboarding workshop invoiced seven weeks ago and now overdue, and professional services
 * invoiced to be paid within 30 days (open, not yet due).
 */
export function yearlyWithCoupon(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const anchor = addMonths(ctx.day(-35, 15), -12);
  const periods = periodsUntil(anchor, 12, ctx.now);
  const story = openSubscription(deps, "stark", {
    since: addDays(anchor, -3),
    cardholder: "Pepper Potts",
    cards: {
      visa: {
        brand: "visa",
        last4: "4242",
        expiresInMonths: 33,
        addedAt: addHours(anchor, -1),
        isDefault: true,
      },
    },
    status: "active",
    anchor,
    periods,
    items: [{ price: catalog.prices.starterYearly, quantity: 1 }],
  });
  const { customer, subscription, cards } = story;
  const welcome = catalog.coupons.welcome;
  const discount = ctx.em.create(Discount, {
    merchant: ctx.merchant,
    customer: customer.entity,
    coupon: welcome,
    subscription,
    startsAt: anchor,
    endsAt: periods[0]!.end,
    ...stamps(anchor),
  });
  welcome.timesRedeemed = 1;
  billPeriods(book, story, {
    invoice: (_period, k) => ({
      discount: k === 0 ? { entity: discount, percentOffBps: welcome.percentOffBps ?? 0 } : null,
    }),
    outcome: () => ({ kind: "pay", method: cards.visa }),
    after: (invoice, k) => {
      if (k === 0) discount.invoice = ref(invoice);
    },
  });

  const overdue = book.issue({
    customer,
    billingReason: "manual",
    collectionMethod: "send_invoice",
    issuedAt: ctx.day(-48, 11, 30),
    lines: [
      {
        type: "one_off",
        description: "On-site onboarding workshop (1 day)",
        quantity: 1,
        unitAmount: 2_400_00,
        amount: 2_400_00,
      },
    ],
    memo: "Payable by card or bank transfer within 30 days.",
  });

  const open = book.issue({
    customer,
    billingReason: "manual",
    collectionMethod: "send_invoice",
    issuedAt: ctx.day(-6, 16, 10),
    lines: [
      {
        type: "one_off",
        description: "Custom SSO integration — professional services (10 hours)",
        quantity: 10,
        unitAmount: 150_00,
        amount: 1_500_00,
      },
    ],
    memo: "Payable by card or bank transfer within 30 days.",
  });
  return { customer, subscription, open, overdue };
}
