import { ref } from "@mikro-orm/core";
import {
  Discount,
  Subscription,
  SubscriptionItem,
  type IInvoice,
  type IPrice,
  type ISubscription,
  type ISubscriptionItem,
  type SubscriptionStatus,
} from "../entities/index.js";
import type { DemoCatalog } from "./catalog.js";
import { stamps, type SeedContext } from "./context.js";
import { addCard, createCustomer, type CustomerKey, type DemoCustomer } from "./customers.js";
import { addDays, addHours, addMinutes, addMonths, periodsUntil, type Period } from "./dates.js";
import type { InvoiceBook, LineInput } from "./invoices.js";
import { formatCount, formatUsd, graduatedAmount, prorate } from "./money.js";
import { buildUsageSeries, persistUsage, usageIn, usageWindowStart } from "./usage.js";

/**
 * The subscription customers and their billing history, one scenario per state:
 * active with seats and metered usage (Northwind), trialing (Umbrella), past due (Globex),
 * paused (Soylent), canceling at period end (Initech), yearly with coupon and sales tax
 * (Stark), canceled (Wayne). Each renewal is invoiced at the start of its period (seats in
 * advance, usage of the previous period in arrears) and charged to the default card.
 */

export interface BillingDeps {
  ctx: SeedContext;
  book: InvoiceBook;
  catalog: DemoCatalog;
  /** argon2id hashes of the portal passwords, by e-mail. */
  hashes: ReadonlyMap<string, string>;
}

export interface SubscriptionScenarios {
  customers: Partial<Record<CustomerKey, DemoCustomer>>;
  subscriptions: Partial<Record<CustomerKey, ISubscription>>;
  /** Invoices other parts of the seed point at (audit trail, webhooks, statements). */
  invoices: {
    northwindLatest: IInvoice;
    globexOverdue: IInvoice;
    wayneUncollectible: IInvoice;
    starkOpen: IInvoice;
  };
}

export function createSubscriptionScenarios(deps: BillingDeps): SubscriptionScenarios {
  const northwind = northwindScenario(deps);
  const umbrella = umbrellaScenario(deps);
  const globex = globexScenario(deps);
  const soylent = soylentScenario(deps);
  const initech = initechScenario(deps);
  const stark = starkScenario(deps);
  const wayne = wayneScenario(deps);
  const all = { northwind, umbrella, globex, soylent, initech, stark, wayne };
  return {
    customers: Object.fromEntries(Object.entries(all).map(([key, s]) => [key, s.customer])),
    subscriptions: Object.fromEntries(Object.entries(all).map(([key, s]) => [key, s.subscription])),
    invoices: {
      northwindLatest: northwind.latest,
      globexOverdue: globex.latest,
      wayneUncollectible: wayne.uncollectible,
      starkOpen: stark.open,
    },
  };
}

// --- Building blocks -------------------------------------------------------------------

interface Subscribed {
  subscription: ISubscription;
  items: ISubscriptionItem[];
}

function subscribe(
  deps: BillingDeps,
  customer: DemoCustomer,
  input: {
    status: SubscriptionStatus;
    anchor: Date;
    current: Period;
    items: { price: IPrice; quantity: number }[];
    trial?: Period;
  },
): Subscribed {
  const { ctx } = deps;
  const subscription = ctx.em.create(Subscription, {
    merchant: ctx.merchant,
    customer: customer.entity,
    status: input.status,
    currency: "USD",
    startedAt: input.trial?.start ?? input.anchor,
    currentPeriodStart: input.current.start,
    currentPeriodEnd: input.current.end,
    billingCycleAnchor: input.anchor,
    trialStart: input.trial?.start ?? null,
    trialEnd: input.trial?.end ?? null,
    collectionMethod: "charge_automatically",
    prorationBehavior: "create_prorations",
    ...stamps(input.trial?.start ?? input.anchor, input.current.start),
  });
  const items = input.items.map(({ price, quantity }) =>
    ctx.em.create(SubscriptionItem, {
      merchant: ctx.merchant,
      subscription,
      price,
      quantity,
      ...stamps(subscription.startedAt),
    }),
  );
  return { subscription, items };
}

function newCustomer(deps: BillingDeps, key: CustomerKey, createdAt: Date): DemoCustomer {
  return createCustomer(deps.ctx, key, createdAt, deps.hashes, deps.catalog.nySalesTax);
}

/** A plan line: "5 × Team (at $12.00 / month)" or "Starter (at $19.00 / month)". */
function planLine(
  price: IPrice,
  productName: string,
  item: ISubscriptionItem,
  quantity: number,
  period: Period,
): LineInput {
  const unit = price.unitAmount ?? 0;
  const at = `at ${formatUsd(unit)} / ${price.interval}`;
  return {
    type: "subscription",
    description:
      price.type === "per_seat" ? `${quantity} × ${productName} (${at})` : `${productName} (${at})`,
    quantity,
    unitAmount: unit,
    amount: unit * quantity,
    price,
    subscriptionItem: item,
    period,
  };
}

/** The metered line, priced through the graduated tiers. */
function usageLine(price: IPrice, item: ISubscriptionItem, quantity: number, period: Period): LineInput {
  return {
    type: "usage",
    description: `API requests: ${formatCount(quantity)} requests (first 100,000 included)`,
    quantity,
    unitAmount: null,
    amount: graduatedAmount(price.tiers ?? [], quantity),
    price,
    subscriptionItem: item,
    period,
  };
}

// --- Northwind Traders: active, 5 → 8 seats, metered API usage ---------------------------

function northwindScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { teamMonthly, apiRequests } = catalog.prices;
  const anchor = addMonths(ctx.day(-18, 9), -9);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const last = periods.length - 1;
  const period = (k: number) => periods[k]!;
  const customer = newCustomer(deps, "northwind", addDays(anchor, -2));

  // The first card expired; the customer replaced it when a renewal was declined.
  const replacedAt = addDays(period(last - 5).start, 1);
  const mastercard = addCard(ctx, customer, {
    brand: "mastercard",
    last4: "4444",
    expiresIn: addMonths(period(last - 5).start, -1),
    holderName: "Nadia Rahman",
    addedAt: addDays(anchor, -2),
    detachedAt: addHours(replacedAt, 2),
  });
  const visa = addCard(ctx, customer, {
    brand: "visa",
    last4: "4242",
    expiresInMonths: 28,
    holderName: "Nadia Rahman",
    addedAt: addMinutes(replacedAt, 80),
    isDefault: true,
  });
  addCard(ctx, customer, {
    brand: "amex",
    last4: "0005",
    expiresInMonths: 40,
    holderName: "Northwind Traders",
    addedAt: addDays(period(last - 2).start, 3),
  });

  const upgradeIndex = last - 4;
  const upgradeAt = addHours(addDays(period(upgradeIndex).start, 12), 6);
  const seats = (k: number) => (k <= upgradeIndex ? 5 : 8);
  const { subscription, items } = subscribe(deps, customer, {
    status: "active",
    anchor,
    current: period(last),
    items: [
      { price: teamMonthly, quantity: 8 },
      { price: apiRequests, quantity: 1 },
    ],
  });
  const [seatItem, usageItem] = items as [ISubscriptionItem, ISubscriptionItem];
  seatItem.updatedAt = upgradeAt;

  const samples = buildUsageSeries(ctx, 7_600);
  const windowStart = usageWindowStart(ctx);
  const usageOf = (k: number) =>
    period(k).start.getTime() >= windowStart.getTime()
      ? usageIn(samples, period(k))
      : 110_000 + 15_000 * k + ctx.rng.int(-8_000, 8_000);

  let latest: IInvoice | undefined;
  for (let k = 0; k <= last; k++) {
    const lines = [planLine(teamMonthly, "Team", seatItem, seats(k), period(k))];
    if (k > 0) lines.push(usageLine(apiRequests, usageItem, usageOf(k - 1), period(k - 1)));
    const invoice = book.issue({
      customer,
      subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period(k).start,
      period: period(k),
      lines,
    });
    const chargedAt = addMinutes(period(k).start, 2);
    if (k < last - 5) book.pay(invoice, chargedAt, mastercard);
    else if (k === last - 5) {
      book.fail(invoice, chargedAt, mastercard, "expired_card");
      book.pay(invoice, addMinutes(replacedAt, 85), visa);
    } else book.pay(invoice, chargedAt, visa);
    latest = invoice;

    if (k === upgradeIndex) {
      // Mid-period upgrade from 5 to 8 seats, prorated to the second and invoiced at once.
      const current = period(k);
      const monthly = teamMonthly.unitAmount ?? 0;
      const proration = book.issue({
        customer,
        subscription,
        billingReason: "subscription_update",
        issuedAt: upgradeAt,
        period: { start: upgradeAt, end: current.end },
        lines: [
          {
            type: "proration",
            description: "Unused time on 5 × Team after the upgrade",
            quantity: 5,
            unitAmount: monthly,
            amount: -prorate(5 * monthly, current.start, current.end, upgradeAt),
            price: teamMonthly,
            subscriptionItem: seatItem,
            period: { start: upgradeAt, end: current.end },
            proration: true,
          },
          {
            type: "proration",
            description: "Remaining time on 8 × Team after the upgrade",
            quantity: 8,
            unitAmount: monthly,
            amount: prorate(8 * monthly, current.start, current.end, upgradeAt),
            price: teamMonthly,
            subscriptionItem: seatItem,
            period: { start: upgradeAt, end: current.end },
            proration: true,
          },
        ],
      });
      book.pay(proration, addMinutes(upgradeAt, 1), visa);
    }
    if (k === 1) {
      const onboarding = book.issue({
        customer,
        billingReason: "manual",
        collectionMethod: "send_invoice",
        issuedAt: addHours(addDays(period(1).start, 5), 5),
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
  }
  subscription.latestInvoice = ref(latest!);

  persistUsage(ctx, {
    customer,
    subscription,
    meter: catalog.meter,
    samples,
    periods: [period(last - 1), period(last)].filter((p) => p.start.getTime() >= windowStart.getTime()),
  });
  return { customer, subscription, latest: latest! };
}

// --- Umbrella Labs: Starter, 14-day trial ------------------------------------------------

function umbrellaScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { starterMonthly } = catalog.prices;
  const startedAt = ctx.day(-5, 14, 20);
  const trial = { start: startedAt, end: addDays(startedAt, starterMonthly.trialDays ?? 14) };
  const customer = newCustomer(deps, "umbrella", addMinutes(startedAt, -12));
  addCard(ctx, customer, {
    brand: "visa",
    last4: "4242",
    expiresInMonths: 22,
    holderName: "Claire Redfield",
    addedAt: startedAt,
    isDefault: true,
  });
  const { subscription, items } = subscribe(deps, customer, {
    status: "trialing",
    anchor: trial.end,
    current: trial,
    trial,
    items: [{ price: starterMonthly, quantity: 1 }],
  });
  const invoice = book.issue({
    customer,
    subscription,
    billingReason: "subscription_create",
    issuedAt: startedAt,
    period: trial,
    lines: [
      {
        type: "subscription",
        description: "Trial period for Starter",
        quantity: 1,
        unitAmount: 0,
        amount: 0,
        price: starterMonthly,
        subscriptionItem: items[0]!,
        period: trial,
      },
    ],
  });
  book.pay(invoice, startedAt, null);
  subscription.latestInvoice = ref(invoice);
  return { customer, subscription };
}

// --- Globex: past due, the renewal declined three times, next retry tomorrow -------------

function globexScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { teamMonthly } = catalog.prices;
  const anchor = addMonths(ctx.day(-4, 10), -7);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const last = periods.length - 1;
  const customer = newCustomer(deps, "globex", addHours(anchor, -20));
  const mastercard = addCard(ctx, customer, {
    brand: "mastercard",
    last4: "4444",
    expiresInMonths: 14,
    holderName: "Hank Scorpio",
    addedAt: addHours(anchor, -20),
  });
  const declining = addCard(ctx, customer, {
    brand: "visa",
    last4: "0002",
    expiresInMonths: 30,
    holderName: "Hank Scorpio",
    addedAt: ctx.day(-20, 15, 40),
    isDefault: true,
  });
  const { subscription, items } = subscribe(deps, customer, {
    status: "past_due",
    anchor,
    current: periods[last]!,
    items: [{ price: teamMonthly, quantity: 5 }],
  });
  let latest: IInvoice | undefined;
  for (const [k, period] of periods.entries()) {
    const invoice = book.issue({
      customer,
      subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period.start,
      period,
      lines: [planLine(teamMonthly, "Team", items[0]!, 5, period)],
    });
    const chargedAt = addMinutes(period.start, 2);
    if (k === 2) {
      book.fail(invoice, chargedAt, mastercard, "insufficient_funds");
      book.pay(invoice, addDays(chargedAt, 1), mastercard);
    } else if (k < last) {
      book.pay(invoice, chargedAt, mastercard);
    } else {
      // Dunning: retries 1, 3 and 5 days after the first failure (merchant default).
      book.fail(invoice, chargedAt, declining, "card_declined");
      book.fail(invoice, addDays(chargedAt, 1), declining, "card_declined");
      book.fail(invoice, addDays(chargedAt, 3), declining, "card_declined");
      invoice.nextPaymentAttemptAt = addDays(chargedAt, 5);
    }
    latest = invoice;
  }
  subscription.latestInvoice = ref(latest!);
  subscription.updatedAt = addMinutes(periods[last]!.start, 2);
  return { customer, subscription, latest: latest! };
}

// --- Soylent Foods: paused ten days ago, resumes in twenty -------------------------------

function soylentScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { starterMonthly } = catalog.prices;
  const anchor = addMonths(ctx.day(-3, 8), -5);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const last = periods.length - 1;
  const customer = newCustomer(deps, "soylent", addHours(anchor, -3));
  const card = addCard(ctx, customer, {
    brand: "discover",
    last4: "1117",
    expiresInMonths: 19,
    holderName: "Sol Roth",
    addedAt: addHours(anchor, -3),
    isDefault: true,
  });
  const pausedAt = ctx.day(-10, 16, 45);
  const { subscription, items } = subscribe(deps, customer, {
    status: "paused",
    anchor,
    current: periods[last]!,
    items: [{ price: starterMonthly, quantity: 1 }],
  });
  subscription.pausedAt = pausedAt;
  subscription.resumeAt = ctx.day(20);
  subscription.pauseBehavior = "void";
  let latest: IInvoice | undefined;
  for (const [k, period] of periods.entries()) {
    const paused = period.start.getTime() >= pausedAt.getTime();
    const invoice = book.issue({
      customer,
      subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period.start,
      period,
      lines: [planLine(starterMonthly, "Starter", items[0]!, 1, period)],
      memo: paused ? "Voided automatically: collection is paused." : null,
    });
    if (paused) book.void(invoice, addMinutes(period.start, 1));
    else book.pay(invoice, addMinutes(period.start, 2), card);
    latest = invoice;
  }
  subscription.latestInvoice = ref(latest!);
  subscription.updatedAt = pausedAt;
  return { customer, subscription };
}

// --- Initech: 4 seats, cancels at the end of the current period --------------------------

function initechScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { teamMonthly } = catalog.prices;
  const anchor = addMonths(ctx.day(-20, 11), -7);
  const periods = periodsUntil(anchor, 1, ctx.now);
  const last = periods.length - 1;
  const customer = newCustomer(deps, "initech", addHours(anchor, -1));
  const card = addCard(ctx, customer, {
    brand: "visa",
    last4: "5556",
    expiresInMonths: 11,
    holderName: "Bill Lumbergh",
    addedAt: addHours(anchor, -1),
    isDefault: true,
  });
  const { subscription, items } = subscribe(deps, customer, {
    status: "active",
    anchor,
    current: periods[last]!,
    items: [{ price: teamMonthly, quantity: 4 }],
  });
  let latest: IInvoice | undefined;
  for (const [k, period] of periods.entries()) {
    const invoice = book.issue({
      customer,
      subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period.start,
      period,
      lines: [planLine(teamMonthly, "Team", items[0]!, 4, period)],
    });
    book.pay(invoice, addMinutes(period.start, 2), card);
    latest = invoice;
  }
  const canceledAt = ctx.day(-2, 15, 30);
  subscription.cancelAtPeriodEnd = true;
  subscription.cancelAt = periods[last]!.end;
  subscription.canceledAt = canceledAt;
  subscription.cancellationReason = "cancellation_requested";
  subscription.latestInvoice = ref(latest!);
  subscription.updatedAt = canceledAt;
  return { customer, subscription };
}

// --- Stark Industries: Starter yearly, WELCOME20 on the first invoice, NY sales tax ------

function starkScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { starterYearly } = catalog.prices;
  const anchor = addMonths(ctx.day(-35, 15), -12);
  const periods = periodsUntil(anchor, 12, ctx.now);
  const customer = newCustomer(deps, "stark", addDays(anchor, -3));
  const card = addCard(ctx, customer, {
    brand: "visa",
    last4: "4242",
    expiresInMonths: 33,
    holderName: "Pepper Potts",
    addedAt: addHours(anchor, -1),
    isDefault: true,
  });
  const { subscription, items } = subscribe(deps, customer, {
    status: "active",
    anchor,
    current: periods.at(-1)!,
    items: [{ price: starterYearly, quantity: 1 }],
  });
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
  let latest: IInvoice | undefined;
  for (const [k, period] of periods.entries()) {
    const invoice = book.issue({
      customer,
      subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period.start,
      period,
      lines: [planLine(starterYearly, "Starter", items[0]!, 1, period)],
      discount: k === 0 ? { entity: discount, percentOffBps: welcome.percentOffBps ?? 0 } : null,
    });
    if (k === 0) discount.invoice = ref(invoice);
    book.pay(invoice, addMinutes(period.start, 2), card);
    latest = invoice;
  }
  subscription.latestInvoice = ref(latest!);

  // Professional services, invoiced to be paid within 30 days: open, not yet due.
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
  return { customer, subscription, open };
}

// --- Wayne Enterprises: canceled; one renewal written off as uncollectible ---------------

function wayneScenario(deps: BillingDeps) {
  const { ctx, book, catalog } = deps;
  const { starterMonthly } = catalog.prices;
  const anchor = addMonths(ctx.day(-40, 12), -5);
  const periods = periodsUntil(anchor, 1, ctx.day(-40, 12));
  const last = periods.length - 1;
  const customer = newCustomer(deps, "wayne", addHours(anchor, -5));
  const replacedAt = addDays(periods[3]!.start, 6);
  const oldCard = addCard(ctx, customer, {
    brand: "visa",
    last4: "9995",
    expiresInMonths: 9,
    holderName: "Lucius Fox",
    addedAt: addHours(anchor, -5),
    detachedAt: addMinutes(replacedAt, 5),
  });
  const newCard = addCard(ctx, customer, {
    brand: "visa",
    last4: "4242",
    expiresInMonths: 36,
    holderName: "Lucius Fox",
    addedAt: replacedAt,
    isDefault: true,
  });
  const { subscription, items } = subscribe(deps, customer, {
    status: "canceled",
    anchor,
    current: periods[last]!,
    items: [{ price: starterMonthly, quantity: 1 }],
  });
  let latest: IInvoice | undefined;
  let uncollectible: IInvoice | undefined;
  for (const [k, period] of periods.entries()) {
    const invoice = book.issue({
      customer,
      subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period.start,
      period,
      lines: [planLine(starterMonthly, "Starter", items[0]!, 1, period)],
    });
    const chargedAt = addMinutes(period.start, 2);
    if (k < 3) book.pay(invoice, chargedAt, oldCard);
    else if (k === 3) {
      book.fail(invoice, chargedAt, oldCard, "insufficient_funds");
      book.fail(invoice, addDays(chargedAt, 1), oldCard, "insufficient_funds");
      book.fail(invoice, addDays(chargedAt, 3), oldCard, "insufficient_funds");
      invoice.memo = "Written off after a billing dispute.";
      book.markUncollectible(invoice, addHours(addDays(chargedAt, 4), 3));
      uncollectible = invoice;
    } else book.pay(invoice, chargedAt, newCard);
    latest = invoice;
  }
  const canceledAt = ctx.day(-25, 10, 15);
  subscription.canceledAt = canceledAt;
  subscription.endedAt = canceledAt;
  subscription.cancellationReason = "cancellation_requested";
  subscription.latestInvoice = ref(latest!);
  subscription.updatedAt = canceledAt;
  return { customer, subscription, uncollectible: uncollectible! };
}
