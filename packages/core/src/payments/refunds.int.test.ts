import { CreditNote, CreditNoteLine, Invoice, Wallet } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topUpWallet } from "../wallets/top-up.js";
import { payInvoice } from "./pay-invoice.js";
import { refundPayment } from "./refunds.js";
import {
  CARDS,
  createCustomer,
  createShop,
  manualClock,
  openInvoice,
  saveCard,
  type Shop,
} from "./test/fixtures.js";

describe("refundPayment", () => {
  let db: TestDatabase;
  let shop: Shop;
  const clock = manualClock("2026-05-01T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db, "RFND");
  });
  afterAll(() => db?.close());

  async function paidInvoice(amount: number) {
    const customer = await createCustomer(db, shop);
    await saveCard(db, clock, shop, customer, CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, amount);
    const { payment } = await payInvoice(db.em(), clock, {
      invoice: invoice.publicId,
      idempotencyKey: `pay-${invoice.publicId}`,
      actor: shop.actor,
    });
    return { customer, invoice, payment: payment! };
  }

  it("refunds part, then the rest, with a numbered credit note each time; the invoice stays paid", async () => {
    const { invoice, payment } = await paidInvoice(5000);
    const first = await refundPayment(db.em(), clock, shop.actor, {
      payment: payment.publicId,
      amount: 2000,
      reason: "requested_by_customer",
      idempotencyKey: "refund-1",
    });
    expect(first.refund).toMatchObject({ status: "succeeded", amount: 2000, currency: "EUR" });
    expect(first.payment).toMatchObject({ status: "partially_refunded", amountRefunded: 2000 });
    const note = await db
      .em()
      .findOneOrFail(CreditNote, first.refund.creditNote!.id, { populate: ["lines"] });
    expect(note).toMatchObject({ amount: 2000, refundAmount: 2000, creditAmount: 0, number: "RFND-CN-0001" });
    expect(note.lines.getItems().map((l) => l.amount)).toEqual([2000]);
    expect(await db.em().findOneOrFail(Invoice, invoice.id)).toMatchObject({
      status: "paid",
      amountPaid: 3000,
      amountCredited: 2000,
      amountRemaining: 0,
    });

    await expect(
      refundPayment(db.em(), clock, shop.actor, {
        payment: payment.publicId,
        amount: 3001,
        idempotencyKey: "refund-2",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      reason: "REFUND_EXCEEDS_PAYMENT",
      details: { refundable: 3000 },
    });
    const rest = await refundPayment(db.em(), clock, shop.actor, {
      payment: payment.publicId,
      idempotencyKey: "refund-3",
    });
    expect(rest.refund.amount).toBe(3000);
    expect(rest.payment).toMatchObject({ status: "refunded", amountRefunded: 5000 });
    expect(await db.em().count(CreditNote, { invoice: invoice.id })).toBe(2);
    expect(await db.em().count(CreditNoteLine, { creditNote: { invoice: invoice.id } })).toBe(2);
    await expect(
      refundPayment(db.em(), clock, shop.actor, { payment: payment.publicId, idempotencyKey: "refund-4" }),
    ).rejects.toMatchObject({ code: "CONFLICT", reason: "PAYMENT_NOT_REFUNDABLE" });
  });

  it("replays a refund by its key and refuses the key with another amount", async () => {
    const { payment } = await paidInvoice(1000);
    const input = { payment: payment.publicId, amount: 400, idempotencyKey: "refund-once" };
    const first = await refundPayment(db.em(), clock, shop.actor, input);
    const again = await refundPayment(db.em(), clock, shop.actor, input);
    expect(again.replayed).toBe(true);
    expect(again.refund.publicId).toBe(first.refund.publicId);
    expect(again.payment.amountRefunded).toBe(400);
    await expect(refundPayment(db.em(), clock, shop.actor, { ...input, amount: 500 })).rejects.toMatchObject({
      reason: "IDEMPOTENCY_KEY_REUSED",
    });
  });

  it("takes a refunded top-up's credit back from the wallet, but not credit already spent", async () => {
    const customer = await createCustomer(db, shop);
    await saveCard(db, clock, shop, customer, CARDS.visa);
    const { payment } = await topUpWallet(db.em(), clock, shop.actor, {
      customer: customer.publicId,
      amount: 1000,
      idempotencyKey: "top-up",
    });
    const invoice = await openInvoice(db, clock, customer, 700);
    await payInvoice(db.em(), clock, {
      invoice: invoice.publicId,
      idempotencyKey: "spend",
      actor: shop.actor,
    });
    await expect(
      refundPayment(db.em(), clock, shop.actor, { payment: payment.publicId, idempotencyKey: "refund-all" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      reason: "WALLET_CREDIT_ALREADY_USED",
      details: { refundable: 300 },
    });
    const refunded = await refundPayment(db.em(), clock, shop.actor, {
      payment: payment.publicId,
      amount: 300,
      idempotencyKey: "refund-rest",
    });
    expect(refunded.refund).toMatchObject({ status: "succeeded", creditNote: null });
    expect((await db.em().findOneOrFail(Wallet, { customer: customer.id })).balance).toBe(0);
  });

  it("refuses another merchant's payment", async () => {
    const { payment } = await paidInvoice(1000);
    const elsewhere = await createShop(db, "ELSE");
    await expect(
      refundPayment(db.em(), clock, elsewhere.actor, { payment: payment.publicId, idempotencyKey: "x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", reason: "PAYMENT_NOT_FOUND" });
  });
});
