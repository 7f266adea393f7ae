import { Invoice, Payment, PaymentMethod } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { isCardExpired, payCustomerInvoice, type PayCustomerInvoiceInput } from "./customer-pay.js";
import {
  CARDS,
  createCustomer,
  createShop,
  manualClock,
  openInvoice,
  saveCard,
  type Shop,
} from "./test/fixtures.js";

/** `"<code> <reason>"` of a call that must fail with an AppError. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return `${(error as AppError).code} ${(error as AppError).reason}`;
}

describe("payCustomerInvoice", () => {
  let db: TestDatabase;
  let shop: Shop;
  const clock = manualClock("2026-05-20T10:00:00Z");
  let keys = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db);
  });
  afterAll(() => db?.close());

  const pay = (customerId: number, input: Partial<PayCustomerInvoiceInput> & { invoice: string }) =>
    payCustomerInvoice(db.em(), clock, {
      idempotencyKey: `key-${++keys}`,
      actor: { ...shop.actor, customerId },
      partialPayments: { enabled: true, minimumAmount: 1_000 },
      ...input,
    });

  it("reads a card as good through the last instant of its expiry month", () => {
    const may = { expMonth: 5, expYear: 2026 };
    expect(isCardExpired(may, new Date("2026-05-31T23:59:59Z"))).toBe(false);
    expect(isCardExpired(may, new Date("2026-06-01T00:00:00Z"))).toBe(true);
    expect(isCardExpired({ expMonth: null, expYear: null }, new Date("2100-01-01T00:00:00Z"))).toBe(false);
  });

  it("refuses a saved card that has expired since, charges nothing, then pays with a good one", async () => {
    const customer = await createCustomer(db, shop);
    const stale = await saveCard(db, clock, shop, customer, CARDS.visa, { setDefault: true });
    const good = await saveCard(db, clock, shop, customer, CARDS.mastercard);
    const invoice = await openInvoice(db, clock, customer, 4_900);
    // The card's month ended after it was saved.
    await db.em().nativeUpdate(PaymentMethod, { id: stale.id }, { expMonth: 4, expYear: 2026 });

    expect(
      await failure(pay(customer.id, { invoice: invoice.publicId, paymentMethod: stale.publicId })),
    ).toBe("BAD_REQUEST PAYMENT_METHOD_EXPIRED");
    expect(await db.em().count(Payment, { invoice: invoice.id })).toBe(0);
    expect((await db.em().findOneOrFail(Invoice, invoice.id)).status).toBe("open");

    const paid = await pay(customer.id, { invoice: invoice.publicId, paymentMethod: good.publicId });
    expect(paid.payment).toMatchObject({ status: "succeeded", amount: 4_900 });
    expect(paid.invoice.status).toBe("paid");
  });

  it("answers NOT_FOUND, not an expiry, for another customer's card", async () => {
    const owner = await createCustomer(db, shop);
    const other = await createCustomer(db, shop);
    const foreign = await saveCard(db, clock, shop, other, CARDS.visa);
    await db.em().nativeUpdate(PaymentMethod, { id: foreign.id }, { expMonth: 1, expYear: 2026 });
    await saveCard(db, clock, shop, owner, CARDS.visa);
    const invoice = await openInvoice(db, clock, owner, 2_000);
    expect(await failure(pay(owner.id, { invoice: invoice.publicId, paymentMethod: foreign.publicId }))).toBe(
      "NOT_FOUND PAYMENT_METHOD_NOT_FOUND",
    );
    expect(await db.em().count(Payment, { invoice: invoice.id })).toBe(0);
  });

  it("takes a partial amount at or above the minimum, and refuses one below it", async () => {
    const customer = await createCustomer(db, shop);
    await saveCard(db, clock, shop, customer, CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 5_000);
    expect(await failure(pay(customer.id, { invoice: invoice.publicId, amount: 999 }))).toBe(
      "BAD_REQUEST PARTIAL_PAYMENT_BELOW_MINIMUM",
    );
    const part = await pay(customer.id, { invoice: invoice.publicId, amount: 1_000 });
    expect(part.invoice).toMatchObject({ status: "open", amountRemaining: 4_000 });
  });
});
