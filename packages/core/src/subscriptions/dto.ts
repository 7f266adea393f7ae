import type {
  CollectionMethod,
  IInvoice,
  InvoiceLineType,
  ISubscription,
  PriceInterval,
  PriceType,
  ProrationBehavior,
  SubscriptionCancellationReason,
  SubscriptionStatus,
} from "@portico/db";
import type { PreviewTotals } from "./invoicing.js";
import type { PlannedLine } from "./lines.js";

/** Subscriptions as the API shows them: public ids, ISO 8601 dates, minor units. */

export interface SubscriptionItemDto {
  id: string;
  price: string;
  product: string;
  productName: string;
  type: PriceType;
  quantity: number;
  /** Per unit (per seat), in minor units; null for tiered prices. */
  unitAmount: number | null;
  unitAmountDecimal: string | null;
  interval: PriceInterval;
  intervalCount: number;
}

export interface ScheduledChangeDto {
  effectiveAt: string;
  items: { price: string; quantity: number }[];
  prorationBehavior: ProrationBehavior | null;
}

export interface SubscriptionDto {
  id: string;
  customer: string;
  status: SubscriptionStatus;
  currency: string;
  items: SubscriptionItemDto[];
  collectionMethod: CollectionMethod;
  daysUntilDue: number | null;
  prorationBehavior: ProrationBehavior;
  startedAt: string;
  billingCycleAnchor: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  trialStart: string | null;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: string | null;
  canceledAt: string | null;
  endedAt: string | null;
  cancellationReason: SubscriptionCancellationReason | null;
  /** When the pause starts (a future period end) or started; null when not pausing. */
  pausedAt: string | null;
  /** When a pause ends by itself; null: until resumed. */
  resumeAt: string | null;
  scheduledChange: ScheduledChangeDto | null;
  /** `in_…` */
  latestInvoice: string | null;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;

/** Needs SUBSCRIPTION_POPULATE loaded. */
export function toSubscriptionDto(subscription: ISubscription): SubscriptionDto {
  const items = subscription.items
    .getItems()
    .sort((a, b) => a.id - b.id)
    .map((item) => {
      const price = item.price.getEntity();
      const product = price.product.getEntity();
      return {
        id: item.publicId,
        price: price.publicId,
        product: product.publicId,
        productName: product.name,
        type: price.type,
        quantity: item.quantity,
        unitAmount: price.unitAmount ?? null,
        unitAmountDecimal: price.unitAmountDecimal ?? null,
        interval: price.interval,
        intervalCount: price.intervalCount,
      };
    });
  const scheduled = subscription.scheduledChange;
  return {
    id: subscription.publicId,
    customer: subscription.customer.getEntity().publicId,
    status: subscription.status,
    currency: subscription.currency,
    items,
    collectionMethod: subscription.collectionMethod,
    daysUntilDue: subscription.daysUntilDue ?? null,
    prorationBehavior: subscription.prorationBehavior,
    startedAt: subscription.startedAt.toISOString(),
    billingCycleAnchor: subscription.billingCycleAnchor.toISOString(),
    currentPeriodStart: subscription.currentPeriodStart.toISOString(),
    currentPeriodEnd: subscription.currentPeriodEnd.toISOString(),
    trialStart: iso(subscription.trialStart),
    trialEnd: iso(subscription.trialEnd),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    cancelAt: iso(subscription.cancelAt),
    canceledAt: iso(subscription.canceledAt),
    endedAt: iso(subscription.endedAt),
    cancellationReason: subscription.cancellationReason ?? null,
    pausedAt: iso(subscription.pausedAt),
    resumeAt: iso(subscription.resumeAt),
    scheduledChange: scheduled
      ? {
          effectiveAt: scheduled.effectiveAt,
          items: scheduled.items,
          prorationBehavior: scheduled.prorationBehavior ?? null,
        }
      : null,
    latestInvoice: subscription.latestInvoice?.getEntity().publicId ?? null,
    metadata: subscription.metadata,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export interface PreviewLineDto {
  type: InvoiceLineType;
  description: string;
  /** `price_…` */
  price: string | null;
  quantity: number;
  /** Signed minor units: a credit for unused time is negative. */
  amount: number;
  proration: boolean;
  periodStart: string | null;
  periodEnd: string | null;
}

export function toPreviewLineDto(line: PlannedLine): PreviewLineDto {
  return {
    type: line.type,
    description: line.description,
    price: line.pricePublicId,
    quantity: line.quantity ?? 1,
    amount: line.amount,
    proration: line.proration ?? false,
    periodStart: iso(line.periodStart),
    periodEnd: iso(line.periodEnd),
  };
}

/** What a change costs now and on the next invoice, as applyChange will bill it. */
export interface ChangePreviewDto {
  /** The invoice issued now (empty when nothing is invoiced now); amountDue after the balance. */
  dueNow: { lines: PreviewLineDto[]; amountDue: number } & PreviewTotals;
  /**
   * The next renewal invoice (before the customer balance and metered usage); null when the
   * subscription ends or pauses at the period's end.
   */
  nextInvoice: ({ date: string; lines: PreviewLineDto[] } & PreviewTotals) | null;
  /** A change effective at the period's end, as it will be stored. */
  scheduled: ScheduledChangeDto | null;
}

/** An invoice a subscription call issued, for the caller to show or charge. */
export interface IssuedInvoiceDto {
  id: string;
  number: string | null;
  status: IInvoice["status"];
  total: number;
  amountDue: number;
}

export function toIssuedInvoiceDto(invoice: IInvoice | null): IssuedInvoiceDto | null {
  if (!invoice) return null;
  return {
    id: invoice.publicId,
    number: invoice.number ?? null,
    status: invoice.status,
    total: invoice.total,
    amountDue: invoice.amountDue,
  };
}

/** A subscription after a call that may have invoiced (change, cancel, resume). */
export interface SubscriptionResultDto {
  subscription: SubscriptionDto;
  invoice: IssuedInvoiceDto | null;
}

export function toSubscriptionResultDto(result: {
  subscription: ISubscription;
  invoice: IInvoice | null;
}): SubscriptionResultDto {
  return {
    subscription: toSubscriptionDto(result.subscription),
    invoice: toIssuedInvoiceDto(result.invoice),
  };
}
