import type { IInvoice, ISubscription } from "../entities/index.js";
import type { BillingDeps } from "./billing.js";
import type { CustomerKey, DemoCustomer } from "./customers.js";
import { activeWithUsage } from "./stories/active-with-usage.js";
import { canceledUncollectible } from "./stories/canceled-uncollectible.js";
import { cancelingAtPeriodEnd } from "./stories/canceling-at-period-end.js";
import { pastDue } from "./stories/past-due.js";
import { paused } from "./stories/paused.js";
import { trialing } from "./stories/trialing.js";
import { yearlyWithCoupon } from "./stories/yearly-with-coupon.js";

/**
 * The subscription customers and their billing history, one story per state (`stories/`):
 * active with seats and metered usage (Northwind), trialing (Umbrella), past due (Globex),
 * paused (Soylent), canceling at period end (Initech), yearly with coupon and sales tax
 * (Stark), canceled (Wayne). Each renewal is invoiced at the start of its period (seats in
 * advance, usage of the previous period in arrears) and charged to the default card
 * (`billPeriods` in billing.ts). The stories run in this order: it fixes row ids and the
 * random draws, so the data does not change between seeds.
 */

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
  const northwind = activeWithUsage(deps);
  const umbrella = trialing(deps);
  const globex = pastDue(deps);
  const soylent = paused(deps);
  const initech = cancelingAtPeriodEnd(deps);
  const stark = yearlyWithCoupon(deps);
  const wayne = canceledUncollectible(deps);
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
