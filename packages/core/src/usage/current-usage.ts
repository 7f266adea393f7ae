import {
  Customer,
  SubscriptionItem,
  UsageAggregate,
  type EntityManager,
  type ICustomer,
  type IMeter,
  type IPrice,
  type ISubscription,
} from "@portico/db";
import { amountForQuantity, type PriceTerms } from "../billing/pricing.js";
import type { Period } from "../billing/periods.js";
import type { Clock } from "../clock.js";
import { resolveCustomer } from "../customers/resolve.js";
import type { CustomerReadScope } from "../customers/profile.js";
import { AppError } from "../errors.js";
import type { CurrentUsageDto, DailyUsageDto, MeterUsageDto, PeriodUsage } from "./dto.js";
import {
  LIVE_SUBSCRIPTION_STATUSES,
  billingPeriodAt,
  toMeteredSubscription,
  utcDayOf,
} from "./metered-subscriptions.js";
import { projectQuantity } from "./projection.js";

const DAY_MS = 86_400_000;
const isoDate = (at: Date) => at.toISOString().slice(0, 10);

const termsOf = (price: IPrice): PriceTerms => ({
  type: price.type,
  unitAmount: price.unitAmount ?? null,
  unitAmountDecimal: price.unitAmountDecimal ?? null,
  tiersMode: price.tiersMode ?? null,
  tiers: price.tiers ?? null,
});

/**
 * The scoped customer's usage in the current billing period of each metered item of its
 * live subscriptions (trialing, active, past due, paused): quantity and cost so far, their
 * projection to the period's end, and a daily series. Read from the aggregates only —
 * one `period` row per item and the `day` rows of the period — never from raw events.
 * A customer with usage but no metered subscription has no lines here.
 */
export async function getCurrentUsage(
  em: EntityManager,
  clock: Clock,
  scope: CustomerReadScope,
): Promise<CurrentUsageDto> {
  const customer = await em.findOne(Customer, {
    id: scope.customerId,
    merchant: scope.merchantId,
    deletedAt: null,
  });
  if (!customer) throw new AppError("NOT_FOUND", "CUSTOMER_NOT_FOUND", "No such customer.");
  return currentUsageOf(em, clock.now(), customer);
}

/** getCurrentUsage for a merchant backend naming the customer by either id. */
export async function getCustomerUsage(
  em: EntityManager,
  clock: Clock,
  merchantId: number,
  customerRef: string,
): Promise<CurrentUsageDto> {
  return currentUsageOf(em, clock.now(), await resolveCustomer(em, merchantId, customerRef));
}

/**
 * A customer's aggregate for one meter over the billing period starting at `periodStart`
 * (zero when nothing was recorded), for the invoice builder at the period's end.
 */
export async function usageForPeriod(
  em: EntityManager,
  customerId: number,
  meterId: number,
  periodStart: Date,
): Promise<PeriodUsage> {
  const row = await em.findOne(UsageAggregate, {
    customer: customerId,
    meter: meterId,
    granularity: "period",
    periodStart,
  });
  return { quantity: row?.value ?? 0, eventCount: row?.eventCount ?? 0 };
}

interface UsageLine {
  subscription: ISubscription;
  price: IPrice;
  meter: IMeter;
  period: Period;
}

async function currentUsageOf(em: EntityManager, now: Date, customer: ICustomer): Promise<CurrentUsageDto> {
  const items = await em.find(
    SubscriptionItem,
    {
      merchant: customer.merchant.id,
      subscription: { customer: customer.id, status: { $in: [...LIVE_SUBSCRIPTION_STATUSES] } },
      price: { meter: { $ne: null } },
    },
    { populate: ["subscription", "price", "price.meter"], orderBy: { id: "asc" } },
  );
  const lines = items.map((item): UsageLine => {
    const subscription = item.subscription.getEntity();
    const price = item.price.getEntity();
    const meter = price.meter!.getEntity();
    const period = billingPeriodAt(toMeteredSubscription(subscription, price, meter.id), now);
    return { subscription, price, meter, period };
  });
  const dto = { customer: customer.publicId, asOf: now.toISOString() };
  if (lines.length === 0) return { ...dto, meters: [] };

  const periodRows = await em.find(UsageAggregate, {
    customer: customer.id,
    granularity: "period",
    $or: lines.map((l) => ({ meter: l.meter.id, periodStart: l.period.start })),
  });
  const firstDay = Math.min(...lines.map((l) => utcDayOf(l.period.start).start.getTime()));
  const dayRows = await em.find(UsageAggregate, {
    customer: customer.id,
    granularity: "day",
    meter: { $in: lines.map((l) => l.meter.id) },
    periodStart: { $gte: new Date(firstDay), $lt: utcDayOf(now).end },
  });
  const periodValue = new Map(periodRows.map((r) => [`${r.meter.id}:${r.periodStart.getTime()}`, r.value]));
  const dayValue = new Map(dayRows.map((r) => [`${r.meter.id}:${isoDate(r.periodStart)}`, r.value]));

  const meters = lines.map(({ subscription, price, meter, period }): MeterUsageDto => {
    const quantity = periodValue.get(`${meter.id}:${period.start.getTime()}`) ?? 0;
    const projected = projectQuantity(meter.aggregation, quantity, period, now);
    const terms = termsOf(price);
    return {
      meter: {
        id: meter.publicId,
        eventName: meter.eventName,
        displayName: meter.displayName,
        aggregation: meter.aggregation,
        unitLabel: meter.unitLabel ?? null,
      },
      subscription: subscription.publicId,
      price: price.publicId,
      currency: price.currency,
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
      quantity,
      amount: amountForQuantity(terms, quantity),
      projected: { quantity: projected, amount: amountForQuantity(terms, projected) },
      daily: dailySeries(period, now, (date) => dayValue.get(`${meter.id}:${date}`) ?? 0),
    };
  });
  return { ...dto, meters };
}

/** One point per UTC day from the period's first day to the earlier of today and its last day. */
function dailySeries(period: Period, now: Date, quantityOn: (date: string) => number): DailyUsageDto[] {
  const series: DailyUsageDto[] = [];
  const lastMoment = Math.min(now.getTime(), period.end.getTime() - 1);
  for (let day = utcDayOf(period.start).start.getTime(); day <= lastMoment; day += DAY_MS) {
    const date = isoDate(new Date(day));
    series.push({ date, quantity: quantityOn(date) });
  }
  return series;
}
