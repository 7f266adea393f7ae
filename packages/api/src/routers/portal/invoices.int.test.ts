import { addPaymentMethod, fixedClock } from "@portico/core";
import {
  Customer,
  defaultPortalFeatures,
  Merchant,
  Payment,
  PortalConfiguration,
  type PortalFeatures,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { consultingInvoice, portalMerchant, type PortalMerchant } from "../../test/portal.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const clock = fixedClock(NOW);
const DAY = 86_400_000;

describe("portal.invoices and portal.payments", () => {
  let db: TestDatabase;
  let merchantId: number;
  let acme: PortalMerchant;
  let alpha: string;
  let beta: string;
  /** Alpha's invoices: issued 40 days ago and due after 30 (overdue), issued 2 days ago, a draft. */
  const inv = { overdue: "", recent: "", draft: "", beta: "" };
  const numbers = { overdue: "", recent: "" };
  let defaultConfiguration: number;
  let keys = 0;
  const key = () => `attempt-${++keys}`;

  /** A browser that redeemed a portal link for `customer` (with its own configuration if given). */
  const signedIn = (customer: string, configuration?: string) => acme.viaLink(customer, configuration);
  const withToken = (customer: string, scopes: ("customer:read" | "invoices:read")[]) =>
    acme.withToken(customer, scopes);
  const configure = async (id: number, change: (features: PortalFeatures) => void) => {
    const em = db.em();
    const configuration = await em.findOneOrFail(PortalConfiguration, id);
    const features = { ...defaultPortalFeatures(), ...configuration.features };
    change(features);
    configuration.features = structuredClone(features);
    await em.flush();
  };
  const configuration = (features: Partial<PortalFeatures>) => acme.configuration(features);

  /** A send_invoice invoice of `customer`, issued `daysAgo`; finalized unless `draft`. */
  const issue = (customer: string, amount: number, daysAgo: number, draft = false) =>
    consultingInvoice(db, {
      customer,
      amount,
      issuedBy: fixedClock(new Date(NOW.getTime() - daysAgo * DAY)),
      daysUntilDue: draft ? null : 30,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", invoiceNumberPrefix: "ACME" });
    const a = em.create(Customer, { merchant, name: "Alpha SAS", email: "ap@alpha.test", currency: "EUR" });
    const b = em.create(Customer, { merchant, name: "Beta Ltd", email: "ap@beta.test", currency: "EUR" });
    const fallback = em.create(PortalConfiguration, { merchant, name: "Default", isDefault: true });
    await em.flush();
    merchantId = merchant.id;
    defaultConfiguration = fallback.id;
    [alpha, beta] = [a.publicId, b.publicId];
    const actor = { merchantId, type: "api_key" as const, id: "key_tests" };
    for (const customer of [alpha, beta]) {
      await addPaymentMethod(db.em(), clock, actor, {
        customer,
        source: { type: "test_card", number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
      });
    }
    const overdue = await issue(alpha, 12_000, 40);
    const recent = await issue(alpha, 3_000, 2);
    [inv.overdue, numbers.overdue] = [overdue.id, overdue.number!];
    [inv.recent, numbers.recent] = [recent.id, recent.number!];
    inv.draft = (await issue(alpha, 500, 1, true)).id;
    inv.beta = (await issue(beta, 7_700, 3)).id;
    acme = await portalMerchant(db, { clock, merchantId });
  });
  afterAll(() => db?.close());

  it("lists the customer's own issued invoices, never a draft or another customer's", async () => {
    const portal = await signedIn(alpha);
    const page = await portal.invoices.list({});
    expect(page.data.map((i) => i.id)).toEqual([inv.recent, inv.overdue]);
    expect(page.data.map((i) => [i.customer, i.overdue])).toEqual([
      [alpha, false],
      [alpha, true],
    ]);
    expect((await (await signedIn(beta)).invoices.list({})).data.map((i) => i.id)).toEqual([inv.beta]);
  });

  it("filters by status (overdue derived), issue date and number, a keyset page at a time", async () => {
    const { invoices } = await signedIn(alpha);
    const ids = async (input: Parameters<typeof invoices.list>[0]) =>
      (await invoices.list(input)).data.map((i) => i.id);
    expect(await ids({ status: "overdue" })).toEqual([inv.overdue]);
    expect(await ids({ status: "open" })).toEqual([inv.recent, inv.overdue]);
    expect(await ids({ status: "paid" })).toEqual([]);
    const tenDaysAgo = new Date(NOW.getTime() - 10 * DAY).toISOString();
    expect(await ids({ issuedFrom: tenDaysAgo })).toEqual([inv.recent]);
    expect(await ids({ issuedBefore: tenDaysAgo })).toEqual([inv.overdue]);
    expect(await ids({ number: numbers.overdue.toLowerCase() })).toEqual([inv.overdue]);
    expect(await ids({ number: "%" })).toEqual([]);
    const first = await invoices.list({ limit: 1 });
    expect(first).toMatchObject({ hasMore: true, nextCursor: inv.recent });
    const second = await invoices.list({ limit: 1, startingAfter: first.nextCursor! });
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    expect(second.data.map((i) => i.id)).toEqual([inv.overdue]);
    expect(await failure(invoices.list({ status: "draft" as "open" }))).toBe("BAD_REQUEST INVALID_INPUT");
  });

  it("answers NOT_FOUND for another customer's invoice and for a draft, and changes nothing", async () => {
    const portal = await signedIn(alpha);
    for (const invoice of [inv.beta, inv.draft]) {
      expect(await failure(portal.invoices.get({ invoice }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
      expect(await failure(portal.invoices.pay({ invoice, idempotencyKey: key() }))).toBe(
        "NOT_FOUND INVOICE_NOT_FOUND",
      );
    }
    expect(await failure(portal.payments.list({ invoice: inv.beta }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect(await db.em().count(Payment, {})).toBe(0);
  });

  it("shows one invoice with its lines, and no internal ids or card data", async () => {
    const invoice = await (await signedIn(alpha)).invoices.get({ invoice: inv.overdue });
    expect(invoice).toMatchObject({
      id: inv.overdue,
      number: numbers.overdue,
      status: "open",
      overdue: true,
      daysOverdue: 10,
      latestPaymentStatus: null,
      amountRemaining: 12_000,
      billedTo: { name: "Alpha SAS", email: "ap@alpha.test", taxId: null },
      taxes: [],
      discountName: null,
      lines: [{ description: "Consulting", amount: 12_000 }],
      payments: [],
    });
    expect(JSON.stringify(invoice)).not.toMatch(/"id":\d|token|fingerprint/i);
  });

  it("pays once per idempotency key, then answers CONFLICT for the paid invoice", async () => {
    const portal = await signedIn(alpha);
    const attempt = key();
    const paid = await portal.invoices.pay({ invoice: inv.recent, idempotencyKey: attempt });
    expect(paid.payment).toMatchObject({ status: "succeeded", amount: 3_000, invoice: inv.recent });
    expect(paid.payment?.paymentMethod).toMatchObject({ brand: "visa", last4: "4242" });
    expect(paid.invoice).toMatchObject({ status: "paid", amountRemaining: 0 });
    const again = await portal.invoices.pay({ invoice: inv.recent, idempotencyKey: attempt });
    expect(again.payment?.id).toBe(paid.payment?.id);
    expect(await db.em().count(Payment, { invoice: { publicId: inv.recent } })).toBe(1);
    expect(await failure(portal.invoices.pay({ invoice: inv.recent, idempotencyKey: key() }))).toBe(
      "CONFLICT PAYMENT_ALREADY_PROCESSED",
    );

    const history = await portal.payments.list({});
    expect(history.data.map((p) => p.id)).toEqual([paid.payment?.id]);
    expect((await portal.payments.list({ invoice: inv.recent })).data).toHaveLength(1);
    expect((await (await signedIn(beta)).payments.list({})).data).toEqual([]);
  });

  it("refuses a partial amount unless the configuration allows it, and below its minimum", async () => {
    const portal = await signedIn(alpha);
    const part = (amount: number) =>
      portal.invoices.pay({ invoice: inv.overdue, amount, idempotencyKey: key() });
    expect(await failure(part(2_000))).toBe("BAD_REQUEST PARTIAL_PAYMENT_NOT_ALLOWED");
    await configure(defaultConfiguration, (f) => {
      f.partialPayments = { enabled: true, minimumAmount: 5_000 };
    });
    try {
      expect(await failure(part(2_000))).toBe("BAD_REQUEST PARTIAL_PAYMENT_BELOW_MINIMUM");
      const paid = await part(5_000);
      expect(paid.payment).toMatchObject({ status: "succeeded", amount: 5_000 });
      expect(paid.invoice).toMatchObject({ status: "open", amountRemaining: 7_000 });
    } finally {
      await configure(defaultConfiguration, (f) => {
        f.partialPayments = { enabled: false, minimumAmount: null };
      });
    }
  });

  it("lets a customer token read with invoices:read only, and never pay with it", async () => {
    const reader = await withToken(alpha, ["invoices:read"]);
    expect((await reader.invoices.list({})).data.length).toBeGreaterThan(0);
    expect((await reader.payments.list({})).data.length).toBeGreaterThan(0);
    expect(await failure(reader.invoices.pay({ invoice: inv.overdue, idempotencyKey: key() }))).toBe(
      "FORBIDDEN SCOPE_MISSING",
    );
    const other = await withToken(alpha, ["customer:read"]);
    expect(await failure(other.invoices.list({}))).toBe("FORBIDDEN SCOPE_MISSING");
    expect(await failure(other.invoices.get({ invoice: inv.overdue }))).toBe("FORBIDDEN SCOPE_MISSING");
    expect(await failure(other.payments.list({}))).toBe("FORBIDDEN SCOPE_MISSING");
  });

  it("answers FEATURE_DISABLED when the session's configuration turns invoice history off", async () => {
    const off = await configuration({ invoiceHistory: { enabled: false } });
    const portal = await signedIn(alpha, off);
    expect(await failure(portal.invoices.list({}))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(portal.invoices.get({ invoice: inv.overdue }))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(portal.invoices.pay({ invoice: inv.overdue, idempotencyKey: key() }))).toBe(
      "FORBIDDEN FEATURE_DISABLED",
    );
    expect(await failure(portal.payments.list({}))).toBe("FORBIDDEN FEATURE_DISABLED");
    // The portal learns which sections to show from the same configuration.
    expect((await portal.configuration.get()).features.invoiceHistory.enabled).toBe(false);
    expect((await (await signedIn(alpha)).configuration.get()).features.invoiceHistory.enabled).toBe(true);
    // The link's configuration wins over the merchant's default, both ways.
    expect((await (await signedIn(alpha)).invoices.list({})).data.length).toBeGreaterThan(0);
    await configure(defaultConfiguration, (f) => {
      f.invoiceHistory = { enabled: false };
    });
    try {
      const on = await configuration({ invoiceHistory: { enabled: true } });
      expect((await (await signedIn(alpha, on)).invoices.list({})).data.length).toBeGreaterThan(0);
      expect(await failure((await signedIn(alpha)).invoices.list({}))).toBe("FORBIDDEN FEATURE_DISABLED");
      const reader = await withToken(alpha, ["invoices:read"]);
      expect(await failure(reader.invoices.list({}))).toBe("FORBIDDEN FEATURE_DISABLED");
    } finally {
      await configure(defaultConfiguration, (f) => {
        f.invoiceHistory = { enabled: true };
      });
    }
  });
});
