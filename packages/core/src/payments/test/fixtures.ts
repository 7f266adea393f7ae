import {
  Customer,
  Merchant,
  type EntityManager,
  type ICustomer,
  type IInvoice,
  type IPaymentMethod,
} from "@portico/db";
import type { TestDatabase } from "@portico/db/testing";
import { SYSTEM_ACTOR } from "../../actor.js";
import type { Clock } from "../../clock.js";
import { createDraftInvoice } from "../../invoices/draft.js";
import { finalizeInvoice } from "../../invoices/finalize.js";
import { addPaymentMethod } from "../methods.js";
import type { PaymentActor } from "../scope.js";

/** A clock tests move forward by hand. */
export function manualClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

/** The documented sandbox test cards by what they do. */
export const CARDS = {
  visa: "4242 4242 4242 4242",
  mastercard: "5555 5555 5555 4444",
  amex: "3782 822463 10005",
  declined: "4000 0000 0000 0002",
  insufficientFunds: "4000 0000 0000 9995",
  processing: "4000 0000 0000 0259",
} as const;

export interface Shop {
  merchantId: number;
  actor: PaymentActor;
}

let shops = 0;

/** A sandbox merchant (receipts `<PREFIX>-RCPT-0001`) and an API-key actor of it. */
export async function createShop(db: TestDatabase, prefix = "ACME"): Promise<Shop> {
  const em = db.em();
  shops += 1;
  const merchant = em.create(Merchant, {
    slug: `shop-${shops}-${Math.random().toString(36).slice(2, 8)}`,
    name: `Shop ${shops}`,
    invoiceNumberPrefix: prefix,
    defaultCurrency: "EUR",
  });
  await em.flush();
  return { merchantId: merchant.id, actor: { merchantId: merchant.id, type: "api_key", id: "key_tests" } };
}

export async function createCustomer(db: TestDatabase, shop: Shop, fields: Partial<ICustomer> = {}) {
  const em = db.em();
  const customer = em.create(Customer, {
    merchant: shop.merchantId,
    name: "Globex",
    currency: "EUR",
    ...fields,
  });
  await em.flush();
  return customer;
}

/** Saves a test card for the customer through the sandbox gateway. */
export function saveCard(
  db: TestDatabase,
  clock: Clock,
  shop: Shop,
  customer: ICustomer,
  number: string,
  extra: { setDefault?: boolean; expYear?: number } = {},
): Promise<IPaymentMethod> {
  return addPaymentMethod(db.em(), clock, shop.actor, {
    customer: customer.publicId,
    source: {
      type: "test_card",
      number,
      expMonth: 12,
      expYear: extra.expYear ?? 2030,
      cvc: number.startsWith("37") ? "1234" : "123",
    },
    setDefault: extra.setDefault,
  });
}

/** An open invoice of `amount` (one line, no tax), finalized as billing code does. */
export async function openInvoice(
  db: TestDatabase,
  clock: Clock,
  customer: ICustomer,
  amount: number,
  extra: { subscriptionId?: number } = {},
): Promise<IInvoice> {
  return db.orm.em.fork().transactional(async (em: EntityManager) => {
    const owner = await em.findOneOrFail(Customer, customer.id);
    const draft = await createDraftInvoice(em, clock, {
      customer: owner,
      currency: owner.currency,
      lines: [{ type: "one_off", description: "Consulting", amount }],
      taxRate: null,
      subscriptionId: extra.subscriptionId ?? null,
    });
    await em.flush();
    return finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR });
  });
}
