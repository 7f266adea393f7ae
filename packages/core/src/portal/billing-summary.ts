import {
  Invoice,
  Payment,
  PaymentMethod,
  Subscription,
  type EntityManager,
  type IPaymentMethod,
  type ISubscription,
  type PaymentMethodType,
  type SubscriptionStatus,
} from "@portico/db";
import type { Clock } from "../clock.js";
import { getCustomerCredit, type CustomerCreditDto } from "../customers/credit.js";
import { PAYMENT_POPULATE, toPaymentDto, type PaymentDto } from "../payments/dto.js";
import {
  INVOICE_SUMMARY_POPULATE,
  toInvoiceSummaryDto,
  type InvoiceSummaryDto,
} from "../payments/invoice-dto.js";
import { toSubscriptionDto, type SubscriptionDto } from "../subscriptions/dto.js";
import { SUBSCRIPTION_POPULATE } from "../subscriptions/load.js";
import { portalCustomer, type PortalScope } from "./scope.js";

/** How many open invoices and recent payments the dashboard lists. */
export const SUMMARY_LIST_SIZE = 5;

/** Subscriptions the customer still has (the "current plan"); canceled and incomplete ones are history. */
const CURRENT_STATUSES: SubscriptionStatus[] = ["trialing", "active", "past_due", "paused"];
/** Subscriptions that renew by charging the saved method. */
const RENEWING_STATUSES: SubscriptionStatus[] = ["trialing", "active", "past_due"];

/**
 * The next automatic charge, estimated from the subscription that renews first: its
 * current period's end and the fixed part of its price (unit amount × quantity of each
 * licensed item), before discounts, tax, account balance and scheduled changes. Metered
 * items (billed on usage) and tiered prices are left out; `partial` says some were.
 */
export interface NextChargeDto {
  date: string;
  amount: number;
  currency: string;
  /** `sub_…` */
  subscription: string;
  partial: boolean;
  /** The method it will charge (the subscription's own, else the customer's default). */
  paymentMethod: {
    type: PaymentMethodType;
    brand: string | null;
    last4: string | null;
    expMonth: number | null;
    expYear: number | null;
  } | null;
}

/** Everything the portal's dashboard shows, in one call. */
export interface BillingSummaryDto {
  customer: { id: string; name: string };
  /** Balance, credit limit and available credit. */
  credit: CustomerCreditDto;
  /** What open invoices still ask for, in the customer's currency. */
  amountDue: number;
  openInvoiceCount: number;
  /** Open invoices past their due date. */
  overdue: { count: number; amount: number };
  nextCharge: NextChargeDto | null;
  /**
   * The open invoices due first (overdue ones lead), at most SUMMARY_LIST_SIZE; null when
   * the caller may not see invoices (see BillingSummaryOptions).
   */
  openInvoices: InvoiceSummaryDto[] | null;
  /** Current subscriptions (trialing, active, past due, paused), oldest first. */
  subscriptions: SubscriptionDto[];
  /** The latest payments, newest first, at most SUMMARY_LIST_SIZE; null like `openInvoices`. */
  recentPayments: PaymentDto[] | null;
}

export interface BillingSummaryOptions {
  /**
   * Whether the caller may list invoices and payments: the portal configuration's invoice
   * history is on and the caller's token (if any) may read invoices. Without it the summary
   * keeps its totals but lists no invoice and no payment, so it never reveals more than
   * `portal.invoices` and `portal.payments` would.
   */
  invoiceHistory: boolean;
}

interface OpenTotalsRow {
  open_count: string | number;
  amount_due: string | number;
  overdue_count: string | number;
  overdue_amount: string | number;
}

/**
 * The dashboard of the scope's customer. At most seven indexed queries, none of which grows
 * with the customer's history: the customer, its credit aggregate, one aggregate over its
 * open invoices and the first five of them (`(customer, status, due_at)`), its subscriptions
 * (few per customer), its default method (the one-default unique index) and its five latest
 * payments (`(customer, created_at, id)`).
 */
export async function getBillingSummary(
  em: EntityManager,
  clock: Clock,
  scope: PortalScope,
  options: BillingSummaryOptions,
): Promise<BillingSummaryDto> {
  const now = clock.now();
  const customer = await portalCustomer(em, scope);
  const credit = await getCustomerCredit(em, scope, customer.publicId);
  const [totals] = await em.execute<OpenTotalsRow[]>(
    `select count(*) as "open_count",
            coalesce(sum("amount_remaining"), 0) as "amount_due",
            count(*) filter (where "due_at" < ?) as "overdue_count",
            coalesce(sum("amount_remaining") filter (where "due_at" < ?), 0) as "overdue_amount"
       from "invoice" where "customer_id" = ? and "status" = 'open'`,
    [now, now, customer.id],
  );
  const openInvoices = options.invoiceHistory
    ? await em.find(
        Invoice,
        { customer: customer.id, status: "open" },
        {
          orderBy: [{ dueAt: "asc nulls last" }, { id: "asc" }],
          limit: SUMMARY_LIST_SIZE,
          populate: INVOICE_SUMMARY_POPULATE,
        },
      )
    : null;
  const subscriptions = await em.find(
    Subscription,
    { customer: customer.id, status: { $in: CURRENT_STATUSES } },
    {
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      populate: [...SUBSCRIPTION_POPULATE, "defaultPaymentMethod"],
    },
  );
  const defaultMethod = await em.findOne(PaymentMethod, {
    customer: customer.id,
    isDefault: true,
    detachedAt: null,
  });
  const payments = options.invoiceHistory
    ? await em.find(
        Payment,
        { customer: customer.id },
        {
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          limit: SUMMARY_LIST_SIZE,
          populate: PAYMENT_POPULATE,
        },
      )
    : null;
  return {
    customer: { id: customer.publicId, name: customer.name },
    credit,
    amountDue: Number(totals?.amount_due ?? 0),
    openInvoiceCount: Number(totals?.open_count ?? 0),
    overdue: { count: Number(totals?.overdue_count ?? 0), amount: Number(totals?.overdue_amount ?? 0) },
    nextCharge: nextChargeOf(subscriptions, defaultMethod),
    openInvoices: openInvoices?.map((invoice) => toInvoiceSummaryDto(invoice, now)) ?? null,
    subscriptions: subscriptions.map(toSubscriptionDto),
    recentPayments: payments?.map(toPaymentDto) ?? null,
  };
}

/** A subscription that will renew and charge at its period's end (not ending, not pausing). */
function renewsByCharge(subscription: ISubscription): boolean {
  return (
    RENEWING_STATUSES.includes(subscription.status) &&
    subscription.collectionMethod === "charge_automatically" &&
    !subscription.cancelAtPeriodEnd &&
    !subscription.pausedAt &&
    (!subscription.cancelAt || subscription.cancelAt > subscription.currentPeriodEnd)
  );
}

function nextChargeOf(
  subscriptions: readonly ISubscription[],
  defaultMethod: IPaymentMethod | null,
): NextChargeDto | null {
  const next = subscriptions
    .filter(renewsByCharge)
    .sort((a, b) => a.currentPeriodEnd.getTime() - b.currentPeriodEnd.getTime())[0];
  if (!next) return null;
  const { items } = toSubscriptionDto(next);
  const fixed = items.filter((item) => item.type !== "metered" && item.unitAmount !== null);
  const own = next.defaultPaymentMethod?.getEntity();
  const method = own && !own.detachedAt ? own : defaultMethod;
  return {
    date: next.currentPeriodEnd.toISOString(),
    amount: fixed.reduce((sum, item) => sum + (item.unitAmount ?? 0) * item.quantity, 0),
    currency: next.currency,
    subscription: next.publicId,
    partial: fixed.length < items.length,
    paymentMethod: method
      ? {
          type: method.type,
          brand: method.brand ?? null,
          last4: method.last4 ?? null,
          expMonth: method.expMonth ?? null,
          expYear: method.expYear ?? null,
        }
      : null,
  };
}
