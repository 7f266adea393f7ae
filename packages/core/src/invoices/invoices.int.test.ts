import { Customer, type EntityManager, type ICustomer, Invoice, Merchant, TaxRate } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../actor.js";
import { fixedClock } from "../clock.js";
import { AppError } from "../errors.js";
import { createDraftInvoice, type DraftLine } from "./draft.js";
import { finalizeInvoice } from "./finalize.js";
import { isOverdue, markInvoiceUncollectible, voidInvoice } from "./transitions.js";

const clock = fixedClock("2026-04-10T12:00:00Z");
const line = (amount: number, description = "Pro plan"): DraftLine => ({
  type: "subscription",
  description,
  amount,
});

describe("invoices", () => {
  let db: TestDatabase;
  let merchantId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme", invoiceNumberPrefix: "ACME" });
    em.create(TaxRate, {
      merchant,
      displayName: "VAT FR",
      ratePpm: 200_000,
      inclusive: false,
      country: "FR",
    });
    em.create(TaxRate, {
      merchant,
      displayName: "Sales tax NY",
      ratePpm: 88_750,
      country: "US",
      state: "NY",
    });
    await em.flush();
    merchantId = merchant.id;
  });
  afterAll(() => db?.close());

  async function customer(em: EntityManager, fields: Partial<ICustomer> = {}): Promise<ICustomer> {
    const c = em.create(Customer, { merchant: merchantId, name: "Globex", currency: "EUR", ...fields });
    await em.flush();
    return c;
  }

  /** Draft + finalize in one transaction, as billing code does. */
  async function issue(c: ICustomer, lines: DraftLine[], collectionMethod?: "send_invoice") {
    return db.orm.em.fork().transactional(async (em) => {
      const owner = await em.findOneOrFail(Customer, c.id);
      const draft = await createDraftInvoice(em, clock, {
        customer: owner,
        currency: owner.currency,
        lines,
        ...(collectionMethod ? { collectionMethod } : {}),
      });
      await em.flush();
      return finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR });
    });
  }

  it("numbers finalized invoices without gaps, and a rolled-back finalization gives its number back", async () => {
    const c = await customer(db.em());
    const first = await issue(c, [line(1000)]);
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        const owner = await em.findOneOrFail(Customer, c.id);
        const draft = await createDraftInvoice(em, clock, {
          customer: owner,
          currency: "EUR",
          lines: [line(1)],
        });
        await em.flush();
        await finalizeInvoice(em, clock, draft, { actor: SYSTEM_ACTOR });
        throw new Error("payment provider exploded");
      }),
    ).rejects.toThrow("exploded");
    const second = await issue(c, [line(2000)]);
    const n = (number: string | null | undefined) => Number(number?.split("-").at(-1));
    expect(first.number).toMatch(/^ACME-\d{4}$/);
    expect(n(second.number)).toBe(n(first.number) + 1);
  });

  it.runIf(process.env.DATABASE_URL)(
    "gives 12 concurrent finalizations 12 distinct consecutive numbers",
    async () => {
      const c = await customer(db.em());
      const invoices = await Promise.all(Array.from({ length: 12 }, () => issue(c, [line(100)])));
      const numbers = invoices.map((i) => Number(i.number?.split("-").at(-1))).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(12);
      expect(numbers.at(-1)! - numbers[0]!).toBe(11);
    },
  );

  it("adds the customer's country tax and snapshots the customer", async () => {
    const c = await customer(db.em(), {
      name: "Société Générale de Test",
      email: "compta@sgt.test",
      address: { country: "FR", city: "Paris" },
      taxId: "FR123",
    });
    const invoice = await issue(c, [line(4900), line(1000, "Extra seat")]);
    expect(invoice).toMatchObject({
      status: "open",
      subtotal: 5900,
      taxTotal: 1180,
      total: 7080,
      amountDue: 7080,
      amountRemaining: 7080,
      customerName: "Société Générale de Test",
      customerTaxId: "FR123",
    });
    expect(invoice.issuedAt).toEqual(clock.now());
    const exempt = await customer(db.em(), { address: { country: "FR" }, taxExempt: "reverse" });
    expect((await issue(exempt, [line(4900)])).taxTotal).toBe(0);
    const ny = await customer(db.em(), { currency: "USD", address: { country: "US", state: "NY" } });
    expect((await issue(ny, [line(1000)])).taxTotal).toBe(89);
    const texas = await customer(db.em(), { currency: "USD", address: { country: "US", state: "TX" } });
    expect((await issue(texas, [line(1000)])).taxTotal).toBe(0);
  });

  it("pays from a credit balance, carries a debt, and returns a net credit to the balance", async () => {
    const withCredit = await customer(db.em(), { balance: -1500 });
    const partly = await issue(withCredit, [line(1000)]);
    expect(partly).toMatchObject({
      status: "paid",
      amountDue: 0,
      startingBalance: -1500,
      endingBalance: -500,
    });
    const rest = await issue(withCredit, [line(1000)]);
    expect(rest).toMatchObject({ status: "open", amountDue: 500, startingBalance: -500, endingBalance: 0 });

    const inDebt = await customer(db.em(), { balance: 300 });
    expect(await issue(inDebt, [line(1000)])).toMatchObject({ amountDue: 1300, endingBalance: 0 });

    const downgraded = await customer(db.em());
    const credit = await issue(downgraded, [line(-2000, "Unused time on Pro"), line(500, "Basic")]);
    expect(credit).toMatchObject({ total: -1500, amountDue: 0, status: "paid", endingBalance: -1500 });
    const after = await db.em().findOneOrFail(Customer, downgraded.id);
    expect(after.balance).toBe(-1500);
  });

  it("sets the due date for send_invoice from the merchant default, and derives overdue", async () => {
    const c = await customer(db.em());
    const invoice = await issue(c, [line(1000)], "send_invoice");
    expect(invoice.dueAt).toEqual(new Date("2026-05-10T12:00:00Z"));
    expect(isOverdue(invoice, new Date("2026-05-10T11:59:59Z"))).toBe(false);
    expect(isOverdue(invoice, new Date("2026-05-10T12:00:01Z"))).toBe(true);
    const charged = await issue(c, [line(1000)]);
    expect(charged.dueAt).toBeNull();
    expect(isOverdue(charged, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("voids an open invoice and gives back the balance it used; refuses twice", async () => {
    const c = await customer(db.em(), { balance: -400 });
    const invoice = await issue(c, [line(1000)]);
    expect(invoice.amountDue).toBe(600);
    await db.orm.em.fork().transactional(async (em) => {
      const loaded = await em.findOneOrFail(Invoice, invoice.id);
      await voidInvoice(em, clock, loaded, SYSTEM_ACTOR);
    });
    const em = db.em();
    const voided = await em.findOneOrFail(Invoice, invoice.id);
    expect(voided).toMatchObject({ status: "void", amountRemaining: 0 });
    expect((await em.findOneOrFail(Customer, c.id)).balance).toBe(-400);
    await expect(voidInvoice(em, clock, voided, SYSTEM_ACTOR)).rejects.toMatchObject({
      reason: "INVOICE_STATUS_CONFLICT",
    });
  });

  it("marks uncollectible only open invoices, and refuses to finalize twice", async () => {
    const c = await customer(db.em());
    const invoice = await issue(c, [line(1000)]);
    const em = db.em();
    const loaded = await em.findOneOrFail(Invoice, invoice.id);
    markInvoiceUncollectible(em, clock, loaded, SYSTEM_ACTOR);
    await em.flush();
    expect(loaded.status).toBe("uncollectible");
    expect(() => markInvoiceUncollectible(em, clock, loaded, SYSTEM_ACTOR)).toThrow(AppError);
    await expect(finalizeInvoice(em, clock, loaded, { actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      reason: "INVOICE_NOT_DRAFT",
    });
  });

  it("refuses a draft in another currency than the customer's", async () => {
    const em = db.em();
    const c = await customer(em);
    await expect(
      createDraftInvoice(em, clock, { customer: c, currency: "USD", lines: [line(1)] }),
    ).rejects.toMatchObject({ reason: "CURRENCY_MISMATCH" });
  });
});
