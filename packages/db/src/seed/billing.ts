import { ref } from "@mikro-orm/core";
import {
  Subscription,
  SubscriptionItem,
  type IInvoice,
  type IPaymentMethod,
  type IPrice,
  type ISubscription,
  type ISubscriptionItem,
  type SubscriptionStatus,
} from "../entities/index.js";
import type { DemoCatalog } from "./catalog.js";
import { stamps, type SeedContext } from "./context.js";
import { addCard, createCustomer, type CardInput, type CustomerKey, type DemoCustomer } from "./customers.js";
import { addDays, addMinutes, type Period } from "./dates.js";
import type { FailureCode, InvoiceBook, InvoiceInput, LineInput } from "./invoices.js";
import { formatCount, formatUsd, graduatedAmount } from "./money.js";

/**
 * What the customer stories (`stories/`, `wallets.ts`) are made of: a customer with their
 * cards, a subscription and its items, the invoice lines of a plan and of metered usage, and
 * `billPeriods`, the renewal loop: each period is invoiced at its start (seats in advance,
 * usage of the previous period in arrears), charged two minutes later, and then paid,
 * retried, left in dunning, written off or voided as the story says.
 */

export interface BillingDeps {
  ctx: SeedContext;
  book: InvoiceBook;
  catalog: DemoCatalog;
  /** argon2id hashes of the portal passwords, by e-mail. */
  hashes: ReadonlyMap<string, string>;
}

// --- Customers and subscriptions ---------------------------------------------------------

/** A card of the account; `holderName` defaults to the account's `cardholder`. */
export type AccountCard = Omit<CardInput, "holderName"> & { holderName?: string };

export interface AccountInput<C extends string> {
  /** When the customer signed up. */
  since: Date;
  cardholder: string;
  /** By the name the story calls them, added in this order. */
  cards: Record<C, AccountCard>;
}

export interface Account<C extends string> {
  customer: DemoCustomer;
  cards: Record<C, IPaymentMethod>;
}

/** A customer (with portal users, taxed when their profile says so) and their cards. */
export function openAccount<C extends string>(
  deps: BillingDeps,
  key: CustomerKey,
  input: AccountInput<C>,
): Account<C> {
  const { ctx } = deps;
  const customer = createCustomer(ctx, key, input.since, deps.hashes, deps.catalog.nySalesTax);
  const cards = Object.fromEntries(
    (Object.entries(input.cards) as [C, AccountCard][]).map(([name, card]) => [
      name,
      addCard(ctx, customer, { holderName: input.cardholder, ...card }),
    ]),
  ) as Record<C, IPaymentMethod>;
  return { customer, cards };
}

export interface SubscriptionInput<I extends readonly ItemInput[]> {
  status: SubscriptionStatus;
  anchor: Date;
  /** The billing periods so far; the last one is the current one. */
  periods: readonly Period[];
  items: I;
  trial?: Period;
}

interface ItemInput {
  price: IPrice;
  quantity: number;
}

export interface Subscribed<I extends readonly ItemInput[]> {
  subscription: ISubscription;
  /** One per item of the input, in its order. */
  items: { -readonly [N in keyof I]: ISubscriptionItem };
}

/** A customer with cards and a subscription to `items` over `periods`, charged automatically in USD. */
export function openSubscription<C extends string, const I extends readonly ItemInput[]>(
  deps: BillingDeps,
  key: CustomerKey,
  input: AccountInput<C> & SubscriptionInput<I>,
): Account<C> & Subscribed<I> & { periods: readonly Period[] } {
  const account = openAccount(deps, key, input);
  return { ...account, ...subscribe(deps.ctx, account.customer, input), periods: input.periods };
}

function subscribe<const I extends readonly ItemInput[]>(
  ctx: SeedContext,
  customer: DemoCustomer,
  input: SubscriptionInput<I>,
): Subscribed<I> {
  const current = input.periods.at(-1);
  if (!current) throw new Error("A subscription needs a billing period");
  const startedAt = input.trial?.start ?? input.anchor;
  const subscription = ctx.em.create(Subscription, {
    merchant: ctx.merchant,
    customer: customer.entity,
    status: input.status,
    currency: "USD",
    startedAt,
    currentPeriodStart: current.start,
    currentPeriodEnd: current.end,
    billingCycleAnchor: input.anchor,
    trialStart: input.trial?.start ?? null,
    trialEnd: input.trial?.end ?? null,
    collectionMethod: "charge_automatically",
    prorationBehavior: "create_prorations",
    ...stamps(startedAt, current.start),
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
  return { subscription, items: items as Subscribed<I>["items"] };
}

// --- Invoice lines -----------------------------------------------------------------------

/** A plan line: "5 × Team (at $12.00 / month)" or "Starter (at $19.00 / month)". */
export function planLine(item: ISubscriptionItem, quantity: number, period: Period): LineInput {
  const price = item.price.unwrap();
  const productName = price.product.unwrap().name;
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
export function usageLine(item: ISubscriptionItem, quantity: number, period: Period): LineInput {
  const price = item.price.unwrap();
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

// --- The renewal loop --------------------------------------------------------------------

/** The merchant's default dunning: retries 1, 3 and 5 days after the first declined charge. */
const RETRY_DAYS = [1, 3, 5] as const;

/** The automatic charge of a period's invoice: two minutes after it is issued. */
export function chargeTime(period: Period): Date {
  return addMinutes(period.start, 2);
}

/** What becomes of a period's invoice once issued. */
export type Outcome =
  /** Charged at `at` (default: the automatic charge); a `null` method settles an invoice with nothing due. */
  | { kind: "pay"; method: IPaymentMethod | null; at?: Date }
  /** Declined once, then paid by `method` at `at` (default: the same card at the first dunning retry). */
  | { kind: "retry"; declined: IPaymentMethod; code: FailureCode; method?: IPaymentMethod; at?: Date }
  /** Declined on the first charge and the next `attempts − 1` dunning retries; the next retry is due. */
  | { kind: "fail"; method: IPaymentMethod; code: FailureCode; attempts: number }
  /** Declined like `fail`, then written off at `at`. */
  | {
      kind: "uncollectible";
      method: IPaymentMethod;
      code: FailureCode;
      attempts: number;
      at: Date;
      memo: string;
    }
  /** Voided at `at`, nothing charged. */
  | { kind: "void"; at: Date; memo: string };

/** A subscription and what it is billed for, as `openSubscription` returns it. */
export interface Billed {
  customer: DemoCustomer;
  subscription: ISubscription;
  items: readonly ISubscriptionItem[];
  /** One invoice per period. */
  periods: readonly Period[];
}

export interface BillPeriodsInput {
  /** The invoice lines of period `k` (default: every item as a plan line at its quantity). */
  lines?(period: Period, k: number): LineInput[];
  outcome(k: number, period: Period): Outcome;
  /** Invoice fields beyond the defaults. */
  invoice?(period: Period, k: number): Pick<InvoiceInput, "discount">;
  /** Runs once period `k` is settled, before the next one is invoiced (mid-period changes, one-offs). */
  after?(invoice: IInvoice, k: number, period: Period): void;
}

/**
 * Invoices every period at its start and settles it as `outcome` says; the subscription's
 * latest invoice is the last period's. Returns the invoices, one per period.
 */
export function billPeriods(book: InvoiceBook, billed: Billed, input: BillPeriodsInput): IInvoice[] {
  const planLines = (period: Period) => billed.items.map((item) => planLine(item, item.quantity, period));
  const invoices = billed.periods.map((period, k) => {
    const invoice = book.issue({
      customer: billed.customer,
      subscription: billed.subscription,
      billingReason: k === 0 ? "subscription_create" : "subscription_cycle",
      issuedAt: period.start,
      period,
      lines: input.lines?.(period, k) ?? planLines(period),
      ...input.invoice?.(period, k),
    });
    settle(book, invoice, input.outcome(k, period), chargeTime(period));
    input.after?.(invoice, k, period);
    return invoice;
  });
  const latest = invoices.at(-1);
  if (!latest) throw new Error("billPeriods needs at least one period");
  billed.subscription.latestInvoice = ref(latest);
  return invoices;
}

function settle(book: InvoiceBook, invoice: IInvoice, outcome: Outcome, chargedAt: Date): void {
  switch (outcome.kind) {
    case "pay":
      book.pay(invoice, outcome.at ?? chargedAt, outcome.method);
      return;
    case "retry":
      book.fail(invoice, chargedAt, outcome.declined, outcome.code);
      book.pay(invoice, outcome.at ?? retryTime(chargedAt, 1), outcome.method ?? outcome.declined);
      return;
    case "fail":
      decline(book, invoice, outcome, chargedAt);
      invoice.nextPaymentAttemptAt = retryTime(chargedAt, outcome.attempts);
      return;
    case "uncollectible":
      decline(book, invoice, outcome, chargedAt);
      invoice.memo = outcome.memo;
      book.markUncollectible(invoice, outcome.at);
      return;
    case "void":
      invoice.memo = outcome.memo;
      book.void(invoice, outcome.at);
      return;
  }
}

/** The first charge and the dunning retries after it, all declined. */
function decline(
  book: InvoiceBook,
  invoice: IInvoice,
  outcome: { method: IPaymentMethod; code: FailureCode; attempts: number },
  chargedAt: Date,
): void {
  for (let attempt = 0; attempt < outcome.attempts; attempt++) {
    book.fail(invoice, retryTime(chargedAt, attempt), outcome.method, outcome.code);
  }
}

/** When charge `attempt` runs: 0 is the first charge, n the n-th dunning retry. */
function retryTime(chargedAt: Date, attempt: number): Date {
  if (attempt === 0) return chargedAt;
  const days = RETRY_DAYS[attempt - 1];
  if (days === undefined) throw new Error(`Dunning has no retry ${attempt}`);
  return addDays(chargedAt, days);
}
