import { ref } from "@mikro-orm/core";
import {
  Coupon,
  Customer,
  Discount,
  Invoice,
  TaxRate,
  type EntityManager,
  type ICustomer,
  type IInvoice,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../actor.js";
import { createDraftInvoice } from "../invoices/draft.js";
import { finalizeInvoice } from "../invoices/finalize.js";
import { daysOverdue, toInvoiceDto, toInvoiceSummaryDto } from "./invoice-dto.js";
import { getInvoice, listInvoices } from "./invoices.js";
import { payInvoice } from "./pay-invoice.js";
import { CARDS, createCustomer, createShop, manualClock, saveCard, type Shop } from "./test/fixtures.js";

const DAY = 86_400_000;

describe("daysOverdue", () => {
  const now = new Date("2026-05-20T12:00:00Z");
  const dueDaysAgo = (days: number) => new Date(now.getTime() - days * DAY);

  it("counts whole days past the due date of an open invoice, at least one", () => {
    expect(daysOverdue({ status: "open", dueAt: dueDaysAgo(10.5) }, now)).toBe(10);
    expect(daysOverdue({ status: "open", dueAt: dueDaysAgo(1) }, now)).toBe(1);
    expect(daysOverdue({ status: "open", dueAt: dueDaysAgo(0.1) }, now)).toBe(1);
  });

  it("is 0 before the due date, without one, and once the invoice is no longer open", () => {
    expect(daysOverdue({ status: "open", dueAt: dueDaysAgo(-3) }, now)).toBe(0);
    expect(daysOverdue({ status: "open", dueAt: null }, now)).toBe(0);
    expect(daysOverdue({ status: "paid", dueAt: dueDaysAgo(10) }, now)).toBe(0);
    expect(daysOverdue({ status: "uncollectible", dueAt: dueDaysAgo(10) }, now)).toBe(0);
  });
});

describe("invoice DTOs", () => {
  let db: TestDatabase;
  let shop: Shop;
  const clock = manualClock("2026-05-01T10:00:00Z");
  let keys = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db);
  });
  afterAll(() => db?.close());

  /** A send_invoice invoice due in 30 days; `tax` and `coupon` as the billing code would apply them. */
  const issue = (
    customer: ICustomer,
    lines: { description: string; amount: number }[],
    extra: { tax?: boolean; couponName?: string } = {},
  ): Promise<IInvoice> =>
    db.orm.em.fork().transactional(async (em: EntityManager) => {
      const owner = await em.findOneOrFail(Customer, customer.id);
      const taxRate = extra.tax
        ? em.create(TaxRate, { merchant: shop.merchantId, displayName: "VAT", ratePpm: 200_000 })
        : null;
      const coupon = extra.couponName
        ? em.create(Coupon, {
            merchant: shop.merchantId,
            code: `C${++keys}`,
            name: extra.couponName,
            percentOffBps: 1000,
            duration: "once",
          })
        : null;
      const draft = await createDraftInvoice(em, clock, {
        customer: owner,
        currency: owner.currency,
        collectionMethod: "send_invoice",
        lines: lines.map((line) => ({ type: "one_off", ...line })),
        taxRate,
        coupon,
      });
      if (coupon) {
        const discount = em.create(Discount, {
          merchant: shop.merchantId,
          customer: owner,
          coupon,
          invoice: draft,
          startsAt: clock.now(),
        });
        draft.discount = ref(discount);
      }
      await em.flush();
      return finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR, daysUntilDue: 30 });
    });

  const detail = async (customer: ICustomer, invoice: IInvoice) => {
    const scope = { merchantId: shop.merchantId, customerId: customer.id };
    const { invoice: row, payments } = await getInvoice(db.em(), scope, invoice.publicId);
    return toInvoiceDto(row, payments, clock.now());
  };
  const summaries = async (customer: ICustomer) => {
    const scope = { merchantId: shop.merchantId, customerId: customer.id };
    const page = await listInvoices(db.em(), scope, {});
    return page.data.map((row) => toInvoiceSummaryDto(row, clock.now()));
  };
  const pay = (invoice: IInvoice) =>
    payInvoice(db.em(), clock, {
      invoice: invoice.publicId,
      idempotencyKey: `k-${++keys}`,
      actor: shop.actor,
    });

  it("snapshots who the invoice is billed to, and sums tax per rate with the coupon's name", async () => {
    const customer = await createCustomer(db, shop, {
      name: "Globex SARL",
      email: "ap@globex.test",
      taxId: "FR12345678901",
      address: { line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "FR" },
    });
    const invoice = await issue(
      customer,
      [
        { description: "Seats", amount: 10_000 },
        { description: "Support", amount: 5_000 },
      ],
      { tax: true, couponName: "Launch 10%" },
    );
    // A later rename does not rewrite what was issued.
    const em = db.em();
    (await em.findOneOrFail(Customer, customer.id)).name = "Globex Renamed";
    await em.flush();

    const dto = await detail(customer, invoice);
    expect(dto.billedTo).toEqual({
      name: "Globex SARL",
      email: "ap@globex.test",
      address: { line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "FR" },
      taxId: "FR12345678901",
    });
    expect(dto.discountName).toBe("Launch 10%");
    expect(dto.lines.map((line) => [line.description, line.discountAmount, line.taxAmount])).toEqual([
      ["Seats", 1_000, 1_800],
      ["Support", 500, 900],
    ]);
    expect(dto.taxes).toEqual([{ name: "VAT", ratePpm: 200_000, inclusive: false, amount: 2_700 }]);
    expect(dto).toMatchObject({ subtotal: 15_000, discountTotal: 1_500, taxTotal: 2_700, total: 16_200 });
    expect(dto).toMatchObject({ overdue: false, daysOverdue: 0, latestPaymentStatus: null });
  });

  it("has no tax rows and no discount name on an untaxed, undiscounted invoice", async () => {
    const customer = await createCustomer(db, shop);
    const dto = await detail(customer, await issue(customer, [{ description: "Consulting", amount: 900 }]));
    expect(dto).toMatchObject({ taxes: [], discountName: null, billedTo: { name: "Globex", taxId: null } });
  });

  it("reports the latest charge's status and the days overdue, in lists and in the detail", async () => {
    const customer = await createCustomer(db, shop);
    await saveCard(db, clock, shop, customer, CARDS.declined, { setDefault: true });
    const invoice = await issue(customer, [{ description: "Consulting", amount: 2_500 }]);
    await pay(invoice);
    expect(await summaries(customer)).toEqual([
      expect.objectContaining({ id: invoice.publicId, latestPaymentStatus: "failed", daysOverdue: 0 }),
    ]);

    clock.advance((30 * DAY + 3 * DAY + 3_600_000) / 1000);
    const overdue = await detail(customer, invoice);
    expect(overdue).toMatchObject({ overdue: true, daysOverdue: 3, latestPaymentStatus: "failed" });
    expect(overdue.payments.map((p) => p.status)).toEqual(["failed"]);

    await saveCard(db, clock, shop, customer, CARDS.processing, { setDefault: true });
    await pay(invoice);
    expect((await summaries(customer))[0]).toMatchObject({
      latestPaymentStatus: "processing",
      daysOverdue: 3,
    });
    expect(await db.em().findOneOrFail(Invoice, invoice.id)).toMatchObject({ status: "open" });
  });
});
