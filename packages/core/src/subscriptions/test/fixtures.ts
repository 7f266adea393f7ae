import {
  Coupon,
  Customer,
  Invoice,
  Merchant,
  Meter,
  Price,
  Product,
  type EntityManager,
  type ICoupon,
  type ICustomer,
  type IInvoice,
  type IMeter,
  type IPrice,
  type PriceInterval,
  type PriceType,
} from "@portico/db";
import type { TestDatabase } from "@portico/db/testing";
import { fixedClock } from "../../clock.js";
import { createSubscription, type CreateSubscriptionInput } from "../create.js";
import type { SubscriptionActor } from "../load.js";

/**
 * A merchant's catalog for subscription tests, built with em.create: EUR prices of
 * Basic (10.00/month), Pro (30.00/month), Pro Leap (29.00/month), Seat (12.00/seat/month),
 * Pro yearly (300.00/year), API calls (metered, 0.02 per call) and a USD price.
 */
export interface Catalog {
  merchantId: number;
  actor: SubscriptionActor;
  prices: Record<"basic" | "pro" | "proLeap" | "seat" | "proYearly" | "apiCalls" | "usd", IPrice>;
  meterId: number;
}

export async function createCatalog(db: TestDatabase, slug: string): Promise<Catalog> {
  const em = db.em();
  const merchant = em.create(Merchant, {
    slug,
    name: slug,
    defaultCurrency: "EUR",
    invoiceNumberPrefix: "T",
  });
  const product = (name: string) => em.create(Product, { merchant, name });
  const meter = em.create(Meter, {
    merchant,
    eventName: "api_call",
    displayName: "API calls",
    aggregation: "sum",
  });
  const price = (
    name: string,
    type: PriceType,
    unitAmount: number | null,
    interval: PriceInterval = "month",
    extra: { unitAmountDecimal?: string; meter?: IMeter; currency?: string } = {},
  ) =>
    em.create(Price, {
      merchant,
      product: product(name),
      currency: "EUR",
      type,
      unitAmount,
      interval,
      ...extra,
    });
  const prices = {
    basic: price("Basic", "flat", 1000),
    pro: price("Pro", "flat", 3000),
    proLeap: price("Pro Leap", "flat", 2900),
    seat: price("Seat", "per_seat", 1200),
    proYearly: price("Pro", "flat", 30000, "year"),
    apiCalls: price("API calls", "metered", null, "month", { unitAmountDecimal: "2", meter }),
    usd: price("Basic US", "flat", 1100, "month", { currency: "USD" }),
  };
  await em.flush();
  return {
    merchantId: merchant.id,
    actor: { merchantId: merchant.id, type: "api_key", id: "key_tests" },
    prices,
    meterId: meter.id,
  };
}

let customers = 0;

export async function createCustomer(db: TestDatabase, merchantId: number, fields: Partial<ICustomer> = {}) {
  const em = db.em();
  customers += 1;
  const customer = em.create(Customer, {
    merchant: merchantId,
    name: `Customer ${customers}`,
    currency: "EUR",
    ...fields,
  });
  await em.flush();
  return customer;
}

export async function createCoupon(
  db: TestDatabase,
  merchantId: number,
  fields: Partial<ICoupon>,
): Promise<ICoupon> {
  const em = db.em();
  const coupon = em.create(Coupon, {
    merchant: merchantId,
    code: `C${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    name: "Test coupon",
    duration: "forever",
    ...fields,
  });
  await em.flush();
  return coupon;
}

/** A subscription created at `at` (billed by invoice unless told, so it is active at once). */
export async function subscribe(
  db: TestDatabase,
  catalog: Catalog,
  at: string,
  input: Omit<CreateSubscriptionInput, "customer"> & { customer?: string },
) {
  const customer = input.customer ?? (await createCustomer(db, catalog.merchantId)).publicId;
  return createSubscription(db.em(), fixedClock(at), catalog.actor, {
    collectionMethod: "send_invoice",
    ...input,
    customer,
  });
}

/** A subscription's invoices, oldest first, with their lines and prices. */
export async function invoicesOf(em: EntityManager, subscriptionId: number): Promise<IInvoice[]> {
  return em.find(
    Invoice,
    { subscription: subscriptionId },
    { populate: ["lines", "lines.price"], orderBy: { id: "asc" } },
  );
}

/** An invoice's lines as previews describe them. */
export function linesOf(invoice: IInvoice) {
  return invoice.lines
    .getItems()
    .sort((a, b) => a.id - b.id)
    .map((line) => ({
      type: line.type,
      description: line.description,
      price: line.price?.getEntity().publicId ?? null,
      quantity: line.quantity,
      amount: line.amount,
      proration: line.proration,
      periodStart: line.periodStart?.toISOString() ?? null,
      periodEnd: line.periodEnd?.toISOString() ?? null,
    }));
}
