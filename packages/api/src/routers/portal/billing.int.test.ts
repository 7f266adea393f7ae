import { fixedClock, type Clock } from "@portico/core";
import { Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import {
  consultingInvoice,
  portalMerchant,
  type PortalMerchant,
  type PortalRequest,
} from "../../test/portal.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const clock = fixedClock(NOW);
const VISA = { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" };

/** Every `"id": <number>` anywhere in a JSON value: numeric keys must never leave the server. */
function numericIds(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(numericIds);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "id" && typeof inner === "number" ? [inner] : numericIds(inner),
  );
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe("portal.billing.summary", () => {
  let db: TestDatabase;
  let acme: PortalMerchant;
  let alpha: string;
  let beta: string;

  const caller = (request?: PortalRequest) => acme.caller(request);
  const integration = () => acme.integration();
  const signedIn = async (customer: string, configuration?: string) =>
    (await acme.viaLink(customer, configuration)).billing;
  /** A one-off invoice sent to `customer`, issued on `issuedBy`'s date and due `days` later. */
  const sendInvoice = async (customer: string, amount: number, issuedBy: Clock, days: number) =>
    (await consultingInvoice(db, { customer, amount, issuedBy, daysUntilDue: days })).id;

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", defaultCurrency: "EUR" });
    await em.flush();
    acme = await portalMerchant(db, { clock, merchantId: merchant.id });
    alpha = (
      await integration().customers.create({ name: "Alpha SAS", currency: "EUR", creditLimit: 50_000 })
    ).id;
    beta = (await integration().customers.create({ name: "Beta Ltd", currency: "EUR" })).id;
  });
  afterAll(() => db?.close());

  it("sums the dashboard's figures from the customer's own invoices, subscription and payments", async () => {
    await integration().paymentMethods.add({ customer: alpha, card: VISA });
    const product = async (name: string) => (await integration().products.create({ name })).id;
    const monthly = { currency: "EUR", interval: "month" } as const;
    const base = await integration().prices.create({
      ...monthly,
      type: "flat",
      product: await product("Team"),
      unitAmount: 2_500,
    });
    const seats = await integration().prices.create({
      ...monthly,
      type: "per_seat",
      product: await product("Seats"),
      unitAmount: 1_200,
    });
    const subscription = await integration().subscriptions.create({
      customer: alpha,
      items: [
        { price: base.id, quantity: 1 },
        { price: seats.id, quantity: 3 },
      ],
    });
    const paid = await integration().invoices.pay({
      invoice: subscription.latestInvoice!,
      idempotencyKey: "first-invoice",
    });
    const overdue = await sendInvoice(alpha, 12_000, fixedClock(new Date("2026-02-01T12:00:00Z")), 14);
    const open = await sendInvoice(alpha, 3_400, clock, 30);
    await sendInvoice(beta, 999, fixedClock(new Date("2026-01-01T12:00:00Z")), 7);
    await integration().paymentMethods.add({ customer: beta, card: { ...VISA, number: "5555555555554444" } });

    const summary = await (await signedIn(alpha)).summary();

    expect(summary.customer).toEqual({ id: alpha, name: "Alpha SAS" });
    // 12 000 overdue + 3 400 open; the subscription's first invoice (6 100) is paid.
    expect(summary.credit).toEqual({
      currency: "EUR",
      balance: 0,
      outstanding: 15_400,
      owed: 15_400,
      creditLimit: 50_000,
      availableCredit: 34_600,
      overLimit: false,
    });
    expect(summary.amountDue).toBe(15_400);
    expect(summary.openInvoiceCount).toBe(2);
    expect(summary.overdue).toEqual({ count: 1, amount: 12_000 });
    expect(summary.openInvoices?.map((i) => [i.id, i.overdue, i.amountRemaining, i.dueAt])).toEqual([
      [overdue, true, 12_000, "2026-02-15T12:00:00.000Z"],
      [open, false, 3_400, "2026-04-09T12:00:00.000Z"],
    ]);
    // Renews a month after it started: 2 500 flat + 3 seats × 1 200, on the saved Visa.
    expect(summary.nextCharge).toEqual({
      date: "2026-04-10T12:00:00.000Z",
      amount: 6_100,
      currency: "EUR",
      subscription: subscription.id,
      partial: false,
      paymentMethod: { type: "card", brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 },
    });
    expect(summary.subscriptions.map((s) => [s.id, s.status, s.items.length])).toEqual([
      [subscription.id, "active", 2],
    ]);
    expect(paid.payment).not.toBeNull();
    expect(summary.recentPayments?.map((p) => [p.id, p.status, p.amount, p.invoice])).toEqual([
      [paid.payment!.id, "succeeded", 6_100, subscription.latestInvoice],
    ]);

    expect(numericIds(summary)).toEqual([]);
    const keys = keysOf(summary);
    for (const secret of ["gatewayToken", "token", "fingerprint", "cvc", "holderName", "country"]) {
      expect(keys).not.toContain(secret);
    }
    expect(JSON.stringify(summary)).not.toMatch(/4242\s?4242|5555\s?5555/);
  });

  it("shows another customer only its own rows", async () => {
    const summary = await (await signedIn(beta)).summary();
    expect(summary.customer.name).toBe("Beta Ltd");
    expect(summary.credit.creditLimit).toBeNull();
    expect(summary.amountDue).toBe(999);
    expect(summary.overdue).toEqual({ count: 1, amount: 999 });
    expect(summary.openInvoices?.map((i) => i.customer)).toEqual([beta]);
    expect(summary.subscriptions).toEqual([]);
    expect(summary.nextCharge).toBeNull();
    expect(summary.recentPayments).toEqual([]);
  });

  it("needs a session, or a token with customer:read", async () => {
    expect(await failure(caller({}).portal.billing.summary())).toBe("UNAUTHORIZED SESSION_REQUIRED");
    const narrow = await integration().customerTokens.create({
      customer: alpha,
      scopes: ["payment_methods:read"],
      expiresIn: 600,
    });
    expect(await failure(caller({ authorization: `Bearer ${narrow.token}` }).portal.billing.summary())).toBe(
      "FORBIDDEN SCOPE_MISSING",
    );
    const reader = await integration().customerTokens.create({
      customer: alpha,
      scopes: ["customer:read"],
      expiresIn: 600,
    });
    const summary = await caller({ authorization: `Bearer ${reader.token}` }).portal.billing.summary();
    expect(summary.customer.id).toBe(alpha);
  });

  it("lists no invoice or payment to a caller that may not read them, and keeps the totals", async () => {
    const full = await (await signedIn(alpha)).summary();
    expect(full.openInvoices).toHaveLength(2);
    expect(full.recentPayments).toHaveLength(1);
    const withheld = { openInvoices: null, recentPayments: null };

    // A token with customer:read but not invoices:read, as portal.invoices.list would refuse it.
    const reader = await integration().customerTokens.create({
      customer: alpha,
      scopes: ["customer:read"],
      expiresIn: 600,
    });
    const narrow = await caller({ authorization: `Bearer ${reader.token}` }).portal.billing.summary();
    expect(narrow).toEqual({ ...full, ...withheld });
    const both = await integration().customerTokens.create({
      customer: alpha,
      scopes: ["customer:read", "invoices:read"],
      expiresIn: 600,
    });
    expect(await caller({ authorization: `Bearer ${both.token}` }).portal.billing.summary()).toEqual(full);

    // A portal link whose configuration turns invoice history off (FEATURE_DISABLED elsewhere).
    const off = await acme.configuration({ invoiceHistory: { enabled: false } }, "No invoices");
    const portal = await signedIn(alpha, off);
    expect(await portal.summary()).toEqual({ ...full, ...withheld });
  });
});
