import { createDraftInvoice, finalizeInvoice, SYSTEM_ACTOR, type Clock } from "@portico/core";
import {
  CREDIT_NOTE_REASONS,
  CreditNote,
  Customer,
  INVOICE_STATUSES,
  PAYMENT_STATUSES,
  Payment,
  REFUND_REASONS,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import {
  CREDIT_NOTE_REASON_VALUES,
  INVOICE_STATUS_VALUES,
  PAYMENT_STATUS_VALUES,
  REFUND_REASON_VALUES,
} from "@portico/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" };
const DECLINED = { ...VISA, number: "4000000000000002" };

describe("integration.invoices and integration.payments", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let now = new Date("2026-05-01T10:00:00Z");
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
  });
  afterAll(() => db?.close());

  /** An open invoice of the customer (`cus_…`), as billing code issues one. */
  async function openInvoice(customerId: string, amount: number, collectionMethod?: "send_invoice") {
    return db.orm.em.fork().transactional(async (em) => {
      const customer = await em.findOneOrFail(Customer, { publicId: customerId });
      const draft = await createDraftInvoice(em, clock, {
        customer,
        currency: customer.currency,
        lines: [{ type: "one_off", description: "Setup fee", amount, quantity: 1, unitAmount: amount }],
        taxRate: null,
        ...(collectionMethod ? { collectionMethod } : {}),
      });
      await em.flush();
      return (await finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR })).publicId;
    });
  }

  async function customerWith(tenant: Tenant, card: typeof VISA | null) {
    const customer = await tenant.api().integration.customers.create({ name: "Northwind" });
    if (card) await tenant.api().integration.paymentMethods.add({ customer: customer.id, card });
    return customer.id;
  }

  it("keeps the validators' enumerations equal to the database's", () => {
    expect([...INVOICE_STATUS_VALUES]).toEqual([...INVOICE_STATUSES]);
    expect([...PAYMENT_STATUS_VALUES]).toEqual([...PAYMENT_STATUSES]);
    expect([...REFUND_REASON_VALUES]).toEqual([...REFUND_REASONS]);
    expect([...CREDIT_NOTE_REASON_VALUES]).toEqual([...CREDIT_NOTE_REASONS]);
  });

  it("credits part of an unpaid invoice, then the rest, which pays it; refuses more", async () => {
    const customer = await customerWith(a, null);
    const id = await openInvoice(customer, 5000, "send_invoice");
    const first = await a.api().integration.invoices.creditNote({
      invoice: id,
      amount: 1200,
      reason: "order_change",
      memo: "Two seats removed",
    });
    expect(first.creditNote).toMatchObject({ number: expect.stringMatching(/^INV-CN-\d{4}$/), amount: 1200 });
    expect(first.invoice).toMatchObject({ status: "open", amountCredited: 1200, amountRemaining: 3800 });
    expect(await failure(a.api().integration.invoices.creditNote({ invoice: id, amount: 3801 }))).toBe(
      "BAD_REQUEST CREDIT_AMOUNT_INVALID",
    );
    const rest = await a.api().integration.invoices.creditNote({ invoice: id, amount: 3800 });
    expect(Number(rest.creditNote.number.split("-").at(-1))).toBe(
      Number(first.creditNote.number.split("-").at(-1)) + 1,
    );
    expect(rest.invoice).toMatchObject({ status: "paid", amountCredited: 5000, amountRemaining: 0 });
    expect(await failure(a.api().integration.invoices.creditNote({ invoice: id, amount: 1 }))).toBe(
      "CONFLICT INVOICE_STATUS_CONFLICT",
    );
    expect(await failure(b.api().integration.invoices.creditNote({ invoice: id, amount: 1 }))).toBe(
      "NOT_FOUND INVOICE_NOT_FOUND",
    );
    expect(await db.em().count(CreditNote, { invoice: { publicId: id } })).toBe(2);
  });

  it("reports balance, credit limit and available credit", async () => {
    const customer = await a.api().integration.customers.create({ name: "Initech", creditLimit: 10_000 });
    await openInvoice(customer.id, 4000, "send_invoice");
    await openInvoice(customer.id, 2500, "send_invoice");
    expect(await a.api().integration.customers.credit({ customer: customer.id })).toEqual({
      currency: "EUR",
      balance: 0,
      outstanding: 6500,
      owed: 6500,
      creditLimit: 10_000,
      availableCredit: 3500,
      overLimit: false,
    });
    await openInvoice(customer.id, 5000, "send_invoice");
    expect(await a.api().integration.customers.credit({ customer: customer.id })).toMatchObject({
      owed: 11_500,
      availableCredit: 0,
      overLimit: true,
    });
    expect(await failure(b.api().integration.customers.credit({ customer: customer.id }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
  });

  it("gets an invoice with its lines, payments and overdue flag", async () => {
    const customer = await customerWith(a, null);
    const id = await openInvoice(customer, 1500, "send_invoice");
    const invoice = await a.api().integration.invoices.get({ invoice: id });
    expect(invoice).toMatchObject({
      id,
      number: expect.stringMatching(/^INV-\d{4}$/),
      customer,
      subscription: null,
      status: "open",
      overdue: false,
      currency: "EUR",
      total: 1500,
      amountDue: 1500,
      amountRemaining: 1500,
      dueAt: "2026-05-31T10:00:00.000Z",
      payments: [],
    });
    expect(invoice.lines).toEqual([
      expect.objectContaining({ description: "Setup fee", amount: 1500, quantity: 1, unitAmount: 1500 }),
    ]);
    now = new Date("2026-06-01T10:00:00Z");
    expect((await a.api().integration.invoices.get({ invoice: id })).overdue).toBe(true);
    now = new Date("2026-05-01T10:00:00Z");
  });

  it("pays an invoice once per key, in part or in full, and replays the answer", async () => {
    const customer = await customerWith(a, VISA);
    const id = await openInvoice(customer, 3000);
    const part = await a.api().integration.invoices.pay({ invoice: id, amount: 1000, idempotencyKey: "p1" });
    expect(part.payment).toMatchObject({
      status: "succeeded",
      amount: 1000,
      invoice: id,
      receiptNumber: "INV-RCPT-0001",
    });
    expect(part.payment?.paymentMethod).toMatchObject({ brand: "visa", last4: "4242" });
    expect(part.invoice).toMatchObject({ status: "open", amountPaid: 1000, amountRemaining: 2000 });
    expect(
      await a.api().integration.invoices.pay({ invoice: id, amount: 1000, idempotencyKey: "p1" }),
    ).toEqual(part);
    expect(await failure(a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "p1" }))).toBe(
      "CONFLICT IDEMPOTENCY_KEY_REUSED",
    );
    const rest = await a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "p2" });
    expect(rest.invoice).toMatchObject({ status: "paid", amountPaid: 3000, amountRemaining: 0 });
    expect(rest.invoice.payments.map((p) => p.amount)).toEqual([1000, 2000]);
    expect(await failure(a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "p3" }))).toBe(
      "CONFLICT PAYMENT_ALREADY_PROCESSED",
    );
    expect(await db.em().count(Payment, { invoice: { publicId: id } })).toBe(2);
  });

  it("reports a declined card as a failed payment on a still-open invoice", async () => {
    const customer = await customerWith(a, DECLINED);
    const id = await openInvoice(customer, 900);
    const result = await a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "declined-1" });
    expect(result.payment).toMatchObject({
      status: "failed",
      failureCode: "card_declined",
      failureMessage: "Your card was declined.",
    });
    expect(result.invoice).toMatchObject({ status: "open", attemptCount: 1, amountRemaining: 900 });
    const noCard = await customerWith(a, null);
    const other = await openInvoice(noCard, 900);
    expect(await failure(a.api().integration.invoices.pay({ invoice: other, idempotencyKey: "none" }))).toBe(
      "BAD_REQUEST NO_PAYMENT_METHOD",
    );
  });

  it("lists invoices by customer and status, a keyset page at a time", async () => {
    const customer = await customerWith(a, VISA);
    const ids = [
      await openInvoice(customer, 100),
      await openInvoice(customer, 200),
      await openInvoice(customer, 300),
    ];
    await a.api().integration.invoices.pay({ invoice: ids[0]!, idempotencyKey: "list-pay" });
    const page = await a.api().integration.invoices.list({ customer, limit: 2 });
    expect(page.data.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(page.hasMore).toBe(true);
    const next = await a
      .api()
      .integration.invoices.list({ customer, limit: 2, startingAfter: page.nextCursor! });
    expect(next).toMatchObject({ hasMore: false, nextCursor: null });
    expect(next.data.map((i) => [i.id, i.status])).toEqual([[ids[0], "paid"]]);
    const open = await a.api().integration.invoices.list({ customer, status: "open" });
    expect(open.data.map((i) => i.id)).toEqual([ids[2], ids[1]]);
  });

  it("voids an unpaid invoice and refuses a paid one", async () => {
    const customer = await customerWith(a, VISA);
    const id = await openInvoice(customer, 400);
    expect(await a.api().integration.invoices.void({ invoice: id })).toMatchObject({
      status: "void",
      amountRemaining: 0,
    });
    expect(await failure(a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "void-pay" }))).toBe(
      "CONFLICT INVOICE_NOT_PAYABLE",
    );
    const paid = await openInvoice(customer, 400);
    await a.api().integration.invoices.pay({ invoice: paid, idempotencyKey: "void-paid" });
    expect(await failure(a.api().integration.invoices.void({ invoice: paid }))).toBe(
      "CONFLICT INVOICE_STATUS_CONFLICT",
    );
  });

  it("lists, gets and refunds payments", async () => {
    const customer = await customerWith(a, VISA);
    const id = await openInvoice(customer, 2500);
    const { payment } = await a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "to-refund" });
    expect(await a.api().integration.payments.get({ payment: payment!.id })).toEqual(payment);
    const listed = await a.api().integration.payments.list({ customer, status: "succeeded" });
    expect(listed.data.map((p) => p.id)).toEqual([payment!.id]);
    expect((await a.api().integration.payments.list({ invoice: id })).data).toHaveLength(1);

    const refund = await a.api().integration.payments.refund({
      payment: payment!.id,
      amount: 1000,
      reason: "requested_by_customer",
      idempotencyKey: "refund-1",
    });
    expect(refund.refund).toMatchObject({
      id: expect.stringMatching(/^re_/),
      payment: payment!.id,
      amount: 1000,
      status: "succeeded",
      creditNote: expect.stringMatching(/^cn_/),
    });
    expect(refund.payment).toMatchObject({ status: "partially_refunded", amountRefunded: 1000 });
    expect(
      await a.api().integration.payments.refund({
        payment: payment!.id,
        amount: 1000,
        reason: "requested_by_customer",
        idempotencyKey: "refund-1",
      }),
    ).toEqual(refund);
    expect(
      await failure(
        a.api().integration.payments.refund({ payment: payment!.id, amount: 2000, idempotencyKey: "r2" }),
      ),
    ).toBe("BAD_REQUEST REFUND_EXCEEDS_PAYMENT");
    expect(await a.api().integration.invoices.get({ invoice: id })).toMatchObject({
      status: "paid",
      amountPaid: 1500,
      amountCredited: 1000,
      amountRemaining: 0,
    });
  });

  it("never shows, pays, voids or refunds another merchant's invoices and payments", async () => {
    const customer = await customerWith(a, VISA);
    const id = await openInvoice(customer, 700);
    const { payment } = await a.api().integration.invoices.pay({ invoice: id, idempotencyKey: "mine" });
    const other = b.api().integration;
    expect(await failure(other.invoices.get({ invoice: id }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect(await failure(other.invoices.pay({ invoice: id, idempotencyKey: "theirs" }))).toBe(
      "NOT_FOUND INVOICE_NOT_FOUND",
    );
    expect(await failure(other.invoices.void({ invoice: id }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect(await failure(other.invoices.list({ customer }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect((await other.invoices.list({})).data).toEqual([]);
    expect(await failure(other.payments.get({ payment: payment!.id }))).toBe("NOT_FOUND PAYMENT_NOT_FOUND");
    expect(await failure(other.payments.list({ invoice: id }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect((await other.payments.list({})).data).toEqual([]);
    expect(await failure(other.payments.refund({ payment: payment!.id, idempotencyKey: "steal" }))).toBe(
      "NOT_FOUND PAYMENT_NOT_FOUND",
    );
    expect(await failure(other.invoices.list({ startingAfter: id }))).toBe("BAD_REQUEST INVALID_CURSOR");
    expect((await a.api().integration.payments.get({ payment: payment!.id })).amountRefunded).toBe(0);
  });
});
