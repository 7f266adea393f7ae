import {
  Customer,
  defaultPortalFeatures,
  Merchant,
  PortalConfiguration,
  TaxRate,
  type CollectionMethod,
  type EntityManager,
  type ICustomer,
  type IInvoice,
  type ITaxRate,
} from "@portico/db";
import type { TestDatabase } from "@portico/db/testing";
import { SYSTEM_ACTOR } from "../../actor.js";
import type { Clock } from "../../clock.js";
import { createDraftInvoice, type DraftLine } from "../../invoices/draft.js";
import { finalizeInvoice } from "../../invoices/finalize.js";
import { payInvoice } from "../../payments/pay-invoice.js";
import { refundPayment } from "../../payments/refunds.js";
import type { Shop } from "../../payments/test/fixtures.js";

/** A 2×2 red PNG, as a merchant's logo `data:` URL. */
export const LOGO_DATA_URL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==";

let merchants = 0;

/**
 * A sandbox merchant as documents print it: address, tax id, support e-mail, a default
 * portal configuration with a business name, colour and logo, and a 20 % VAT rate.
 */
export async function createBrandedShop(
  db: TestDatabase,
  options: { prefix?: string; timezone?: string } = {},
): Promise<Shop & { vat: ITaxRate; businessName: string }> {
  const em = db.em();
  merchants += 1;
  const businessName = `Acme Cloud ${merchants}`;
  const merchant = em.create(Merchant, {
    slug: `docs-${merchants}-${Math.random().toString(36).slice(2, 8)}`,
    name: `Acme Legal Name ${merchants}`,
    invoiceNumberPrefix: options.prefix ?? "ACME",
    defaultCurrency: "EUR",
    defaultLocale: "en",
    timezone: options.timezone ?? "Europe/Paris",
    address: { line1: "12 rue de la Paix", postalCode: "75002", city: "Paris", country: "FR" },
    taxId: "FR40303265045",
    supportEmail: "billing@acme.test",
  });
  em.create(PortalConfiguration, {
    merchant,
    name: "Default",
    isDefault: true,
    features: defaultPortalFeatures(),
    branding: { businessName, primaryColor: "#0a7cff", logoUrl: LOGO_DATA_URL },
  });
  const vat = em.create(TaxRate, { merchant, displayName: "TVA", ratePpm: 200_000, inclusive: false });
  await em.flush();
  return {
    merchantId: merchant.id,
    actor: { merchantId: merchant.id, type: "api_key", id: "key_tests" },
    vat,
    businessName,
  };
}

/** A draft with `lines`, finalized as billing code does (one transaction). */
export async function issueInvoice(
  db: TestDatabase,
  clock: Clock,
  customer: ICustomer,
  lines: DraftLine[],
  options: { taxRate?: ITaxRate | null; collectionMethod?: CollectionMethod; memo?: string } = {},
): Promise<IInvoice> {
  return db.orm.em.fork().transactional(async (em: EntityManager) => {
    const owner = await em.findOneOrFail(Customer, customer.id);
    const draft = await createDraftInvoice(em, clock, {
      customer: owner,
      currency: owner.currency,
      lines,
      taxRate:
        options.taxRate === undefined
          ? null
          : options.taxRate && (await em.findOneOrFail(TaxRate, options.taxRate.id)),
      ...(options.collectionMethod ? { collectionMethod: options.collectionMethod } : {}),
      ...(options.memo ? { memo: options.memo } : {}),
    });
    await em.flush();
    return finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR });
  });
}

let keys = 0;

/** A clock a test sets to the instants its story happens at. */
export function storyClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set(at: string) {
      now = new Date(at).getTime();
    },
  };
}

/**
 * Pays `amount` (default: what remains) of an invoice: wallet credit first, then the
 * customer's default card. The card payment, or null when credit covered it all.
 */
export async function pay(db: TestDatabase, clock: Clock, shop: Shop, invoice: IInvoice, amount?: number) {
  keys += 1;
  const result = await payInvoice(db.em(), clock, {
    invoice: invoice.publicId,
    amount: amount ?? null,
    allowPartial: true,
    idempotencyKey: `docs-pay-${keys}`,
    actor: shop.actor,
  });
  if (result.payment && result.payment.status !== "succeeded")
    throw new Error(`payment ${result.payment.status}`);
  return result.payment;
}

/** Refunds `amount` of a payment (the refund issues its credit note). */
export async function refund(db: TestDatabase, clock: Clock, shop: Shop, payment: string, amount: number) {
  keys += 1;
  return refundPayment(db.em(), clock, shop.actor, {
    payment,
    amount,
    idempotencyKey: `docs-refund-${keys}`,
  });
}
