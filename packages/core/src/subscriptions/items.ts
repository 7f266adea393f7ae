import type { EntityManager, IPrice, ISubscription } from "@portico/db";
import { amountForQuantity, type PriceTerms } from "../billing/pricing.js";
import type { Recurrence } from "../billing/periods.js";
import { getPrice } from "../catalog/prices.js";
import { badSubscriptionInput } from "./errors.js";

/** One item of a subscription as billing sees it: a price (product loaded) and a quantity. */
export interface PlanItem {
  price: IPrice;
  /** Seats of a per-seat price; 1 for flat and metered prices. */
  quantity: number;
}

/** An item as callers name it: a price by public id, and seats for per-seat prices. */
export interface ItemInput {
  /** `price_…` */
  price: string;
  quantity?: number | null;
}

export const MAX_SUBSCRIPTION_ITEMS = 20;
export const MAX_QUANTITY = 1_000_000;

export const termsOf = (price: IPrice): PriceTerms => ({
  type: price.type,
  unitAmount: price.unitAmount ?? null,
  unitAmountDecimal: price.unitAmountDecimal ?? null,
  tiersMode: price.tiersMode ?? null,
  tiers: price.tiers ?? null,
});

/** Flat and per-seat prices are billed in advance; metered ones in arrears, from usage. */
export const isLicensed = (item: PlanItem) => item.price.type !== "metered";
export const isMetered = (item: PlanItem) => item.price.type === "metered";

/** A full period's amount of a licensed item. */
export const periodAmount = (item: PlanItem) => amountForQuantity(termsOf(item.price), item.quantity);

/** "Pro" or "Pro (monthly)", as invoice lines name a price. */
export function priceLabel(price: IPrice): string {
  const product = price.product.getEntity().name;
  return price.nickname ? `${product} (${price.nickname})` : product;
}

/** "Pro", or "5 × Seat" for a per-seat item. */
export function itemLabel(item: PlanItem): string {
  const label = priceLabel(item.price);
  return item.price.type === "per_seat" ? `${item.quantity} × ${label}` : label;
}

export const recurrenceOf = (items: readonly PlanItem[]): Recurrence => {
  const first = items[0];
  if (!first) throw new RangeError("a subscription has at least one item");
  return { interval: first.price.interval, intervalCount: first.price.intervalCount };
};

export const sameRecurrence = (a: Recurrence, b: Recurrence) =>
  a.interval === b.interval && a.intervalCount === b.intervalCount;

/** The subscription's items as loaded with SUBSCRIPTION_POPULATE, oldest first. */
export function currentItems(subscription: ISubscription): PlanItem[] {
  return subscription.items
    .getItems()
    .sort((a, b) => a.id - b.id)
    .map((item) => ({ price: item.price.getEntity(), quantity: item.quantity }));
}

/**
 * Items a caller asks for, checked whole: 1 to 20 prices of the merchant, each once, active
 * (a price the subscription already has may stay although archived, as Stripe allows), all
 * in one currency and at one interval (else MIXED_INTERVALS). A per-seat quantity is a whole
 * number of seats (default: the current quantity, else 1); a flat price has quantity 1 and
 * a metered one none (usage decides).
 */
export async function resolveItems(
  em: EntityManager,
  merchantId: number,
  inputs: readonly ItemInput[],
  current: readonly PlanItem[] = [],
): Promise<PlanItem[]> {
  if (inputs.length === 0)
    throw badSubscriptionInput("ITEMS_REQUIRED", "A subscription needs at least one price.");
  if (inputs.length > MAX_SUBSCRIPTION_ITEMS) {
    throw badSubscriptionInput(
      "TOO_MANY_ITEMS",
      `A subscription has at most ${MAX_SUBSCRIPTION_ITEMS} prices.`,
      {
        max: MAX_SUBSCRIPTION_ITEMS,
      },
    );
  }
  const seen = new Set<string>();
  const items: PlanItem[] = [];
  for (const input of inputs) {
    if (seen.has(input.price)) {
      throw badSubscriptionInput("DUPLICATE_PRICE", "Each price appears once; use quantity for seats.", {
        price: input.price,
      });
    }
    seen.add(input.price);
    const price = await getPrice(em, merchantId, { id: input.price });
    const existing = current.find((item) => item.price.id === price.id);
    if (!price.active && !existing) {
      throw badSubscriptionInput("PRICE_INACTIVE", "This price is archived.", { price: price.publicId });
    }
    items.push({ price, quantity: checkQuantity(price, input.quantity, existing?.quantity) });
  }
  const [first] = items as [PlanItem, ...PlanItem[]];
  if (items.some((item) => item.price.currency !== first.price.currency)) {
    throw badSubscriptionInput("CURRENCY_MISMATCH", "All prices of a subscription share one currency.");
  }
  const recurrence = recurrenceOf(items);
  if (items.some((item) => !sameRecurrence(recurrenceOf([item]), recurrence))) {
    throw badSubscriptionInput("MIXED_INTERVALS", "All prices of a subscription recur at the same interval.");
  }
  return items;
}

function checkQuantity(
  price: IPrice,
  quantity: number | null | undefined,
  current: number | undefined,
): number {
  const given = quantity ?? undefined;
  if (price.type === "metered") {
    if (given !== undefined) {
      throw badSubscriptionInput(
        "QUANTITY_NOT_ALLOWED",
        "A metered price is billed from usage, not a quantity.",
        {
          price: price.publicId,
        },
      );
    }
    return 1;
  }
  if (price.type === "flat") {
    if (given !== undefined && given !== 1) {
      throw badSubscriptionInput(
        "INVALID_QUANTITY",
        "A flat price has quantity 1; per-seat prices take seats.",
        {
          price: price.publicId,
        },
      );
    }
    return 1;
  }
  const seats = given ?? current ?? 1;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_QUANTITY) {
    throw badSubscriptionInput("INVALID_QUANTITY", `Seats are a whole number from 1 to ${MAX_QUANTITY}.`, {
      price: price.publicId,
      max: MAX_QUANTITY,
    });
  }
  return seats;
}
