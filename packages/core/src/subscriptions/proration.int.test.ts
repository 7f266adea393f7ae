import { Customer, Invoice, TaxRate, type IInvoice } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { applyChange, previewChange } from "./change.js";
import type { ChangeSubscriptionInput } from "./change-plan.js";
import type { ChangePreviewDto } from "./dto.js";
import { renewSubscription } from "./renew.js";
import {
  createCatalog,
  createCoupon,
  createCustomer,
  invoicesOf,
  linesOf,
  subscribe,
  type Catalog,
} from "./test/fixtures.js";

/**
 * Proration cases worked out by hand. previewChange and applyChange run at the same instant
 * on the same state; the invoice applyChange issues (or the renewal that follows) must carry
 * exactly the lines and totals the preview announced.
 */
describe("subscription changes: preview equals apply", () => {
  let db: TestDatabase;
  let catalog: Catalog;

  beforeAll(async () => {
    db = await createTestDatabase();
    catalog = await createCatalog(db, "proration");
  });
  afterAll(() => db?.close());

  const items = (...entries: [keyof Catalog["prices"], number?][]) =>
    entries.map(([key, quantity]) => ({
      price: catalog.prices[key].publicId,
      ...(quantity === undefined ? {} : { quantity }),
    }));

  /** Preview, then apply at the same instant; the invoice issued now must match the preview. */
  async function previewThenApply(at: string, input: ChangeSubscriptionInput) {
    const clock = fixedClock(at);
    const preview = await previewChange(db.em(), clock, catalog.actor, input);
    const result = await applyChange(db.em(), clock, catalog.actor, input);
    const invoice = result.invoice
      ? await db.em().findOneOrFail(Invoice, result.invoice.id, { populate: ["lines", "lines.price"] })
      : null;
    if (preview.dueNow.lines.length === 0) {
      expect(invoice).toBeNull();
    } else {
      expectInvoiceAsPreviewed(invoice!, preview.dueNow);
    }
    return { preview, result, invoice };
  }

  function expectInvoiceAsPreviewed(invoice: IInvoice, due: ChangePreviewDto["dueNow"]) {
    expect(linesOf(invoice)).toEqual(due.lines);
    expect({
      subtotal: invoice.subtotal,
      discount: invoice.discountTotal,
      tax: invoice.taxTotal,
      total: invoice.total,
      amountDue: invoice.amountDue,
    }).toEqual({
      subtotal: due.subtotal,
      discount: due.discount,
      tax: due.tax,
      total: due.total,
      amountDue: due.amountDue,
    });
  }

  const amounts = (preview: { lines: { amount: number }[] }) => preview.lines.map((line) => line.amount);

  it("mid-period upgrade, always_invoice: credit unused Basic, charge remaining Pro", async () => {
    // April has 30 days (2 592 000 s); on the 16th, 15 days (1 296 000 s) are left: half.
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["basic"]) });
    const { preview, result } = await previewThenApply("2026-04-16T00:00:00Z", {
      id: sub.publicId,
      items: items(["pro"]),
      prorationBehavior: "always_invoice",
    });
    // −1000 × ½ = −500; +3000 × ½ = +1500.
    expect(amounts(preview.dueNow)).toEqual([-500, 1500]);
    expect(preview.dueNow).toMatchObject({ subtotal: 1000, total: 1000, amountDue: 1000 });
    expect(preview.dueNow.lines.map((l) => l.description)).toEqual([
      "Unused time on Basic",
      "Remaining time on Pro",
    ]);
    expect(preview.dueNow.lines[0]).toMatchObject({
      proration: true,
      periodStart: "2026-04-16T00:00:00.000Z",
      periodEnd: "2026-05-01T00:00:00.000Z",
    });
    // The renewal bills Pro for May, nothing pending.
    expect(preview.nextInvoice).toMatchObject({ date: "2026-05-01T00:00:00.000Z", total: 3000 });
    expect(result.subscription.items.getItems().map((i) => i.price.getEntity().publicId)).toEqual([
      catalog.prices.pro.publicId,
    ]);
    expect(result.invoice).toMatchObject({ billingReason: "subscription_update", status: "open" });
  });

  it("mid-period upgrade with 20 % VAT and a 10 % discount: same tax and discount in preview and invoice", async () => {
    const em = db.em();
    em.create(TaxRate, {
      merchant: catalog.merchantId,
      displayName: "VAT DE",
      ratePpm: 200_000,
      country: "DE",
    });
    await em.flush();
    const customer = await createCustomer(db, catalog.merchantId, { address: { country: "DE" } });
    const coupon = await createCoupon(db, catalog.merchantId, { percentOffBps: 1000, duration: "forever" });
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
      customer: customer.publicId,
      items: items(["basic"]),
      coupon: coupon.code,
    });
    const { preview } = await previewThenApply("2026-04-16T00:00:00Z", {
      id: sub.publicId,
      items: items(["pro"]),
      prorationBehavior: "always_invoice",
    });
    // Lines −500 and +1500; 10 % off each: −50 and +150 → discount 100; VAT 20 % on the
    // discounted lines (−450 → −90, 1350 → 270) → 180; total 1000 − 100 + 180 = 1080.
    expect(preview.dueNow).toMatchObject({
      subtotal: 1000,
      discount: 100,
      tax: 180,
      total: 1080,
      amountDue: 1080,
    });
    // Next: Pro 3000 − 300 + 540 VAT.
    expect(preview.nextInvoice).toMatchObject({ subtotal: 3000, discount: 300, tax: 540, total: 3240 });
  });

  it("downgrade, always_invoice: the credit for unused Pro outweighs the charge and goes to the balance", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["pro"]) });
    const { preview, invoice } = await previewThenApply("2026-04-16T00:00:00Z", {
      id: sub.publicId,
      items: items(["basic"]),
      prorationBehavior: "always_invoice",
    });
    // −3000 × ½ + 1000 × ½ = −1000: nothing due, 10.00 of credit.
    expect(amounts(preview.dueNow)).toEqual([-1500, 500]);
    expect(preview.dueNow).toMatchObject({ total: -1000, amountDue: 0 });
    expect(invoice).toMatchObject({ status: "paid", endingBalance: -1000 });
    const customer = await db.em().findOneOrFail(Customer, sub.customer.id);
    expect(customer.balance).toBe(-1000);
  });

  it("seat increase, create_prorations: nothing now, the prorations ride on the renewal", async () => {
    // On Apr 11, 20 of 30 days are left: ⅔.
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["seat", 5]) });
    const { preview } = await previewThenApply("2026-04-11T00:00:00Z", {
      id: sub.publicId,
      items: items(["seat", 8]),
      prorationBehavior: "create_prorations",
    });
    expect(preview.dueNow).toMatchObject({ lines: [], total: 0, amountDue: 0 });
    // May: 8 × 1200 = 9600; unused 5 seats −6000 × ⅔ = −4000; remaining 8 seats 9600 × ⅔ = 6400.
    expect(amounts(preview.nextInvoice!)).toEqual([9600, -4000, 6400]);
    expect(preview.nextInvoice!.lines.map((l) => l.description)).toEqual([
      "8 × Seat",
      "Unused time on 5 × Seat",
      "Remaining time on 8 × Seat",
    ]);
    expect(preview.nextInvoice!.total).toBe(12000);

    const renewal = await renewSubscription(db.em(), fixedClock("2026-05-01T00:00:00Z"), sub.publicId);
    expect(renewal.steps).toHaveLength(1);
    const [, renewed] = await invoicesOf(db.em(), sub.id);
    expect(linesOf(renewed!)).toEqual(preview.nextInvoice!.lines);
    expect(renewed).toMatchObject({ total: 12000, billingReason: "subscription_cycle", status: "open" });
    // The pending draft was taken over, not left behind.
    expect(await db.em().count(Invoice, { subscription: sub.id, status: "draft" })).toBe(0);
  });

  it("seat decrease, always_invoice: the unused seats are credited now", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["seat", 8]) });
    const { preview } = await previewThenApply("2026-04-11T00:00:00Z", {
      id: sub.publicId,
      items: items(["seat", 3]),
      prorationBehavior: "always_invoice",
    });
    // −9600 × ⅔ = −6400; +3600 × ⅔ = 2400 → −4000 to the balance.
    expect(amounts(preview.dueNow)).toEqual([-6400, 2400]);
    expect(preview.dueNow).toMatchObject({ total: -4000, amountDue: 0 });
    expect(preview.nextInvoice).toMatchObject({ total: 3600 });
  });

  it("seat decrease, none: no proration, the renewal bills the new quantity", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["seat", 8]) });
    const { preview } = await previewThenApply("2026-04-11T00:00:00Z", {
      id: sub.publicId,
      items: items(["seat", 3]),
      prorationBehavior: "none",
    });
    expect(preview.dueNow.lines).toEqual([]);
    expect(amounts(preview.nextInvoice!)).toEqual([3600]);
  });

  it("a change on Jan 31 of a monthly plan prorates over Jan 31 → Feb 29 2028", async () => {
    // Anchored Dec 31 2027: the period after Jan 31 ends Feb 29 (clamped), 29 days = 2 505 600 s.
    const sub = await subscribe(db, catalog, "2027-12-31T00:00:00Z", { items: items(["basic"]) });
    await renewSubscription(db.em(), fixedClock("2028-01-31T00:00:00Z"), sub.publicId);
    const { preview } = await previewThenApply("2028-01-31T12:00:00Z", {
      id: sub.publicId,
      items: items(["pro"]),
      prorationBehavior: "always_invoice",
    });
    // 28.5 days = 2 462 400 s left. −1000 × 2462400 / 2505600 = −982.76 → −983;
    // 3000 × 2462400 / 2505600 = 2948.28 → 2948.
    expect(amounts(preview.dueNow)).toEqual([-983, 2948]);
    expect(preview.dueNow.total).toBe(1965);
    expect(preview.dueNow.lines[0]?.periodEnd).toBe("2028-02-29T00:00:00.000Z");
    expect(preview.nextInvoice?.date).toBe("2028-02-29T00:00:00.000Z");
  });

  it("a downgrade in a leap-year February prorates over 29 days", async () => {
    const sub = await subscribe(db, catalog, "2028-02-01T00:00:00Z", { items: items(["proLeap"]) });
    const { preview } = await previewThenApply("2028-02-20T00:00:00Z", {
      id: sub.publicId,
      items: items(["basic"]),
      prorationBehavior: "always_invoice",
    });
    // Feb 20 → Mar 1 is 10 of 29 days: −2900 × 10/29 = −1000; 1000 × 10/29 = 344.83 → 345.
    expect(amounts(preview.dueNow)).toEqual([-1000, 345]);
    expect(preview.dueNow).toMatchObject({ total: -655, amountDue: 0 });
  });

  it("a new interval (monthly → yearly) resets the anchor and invoices at once", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["basic"]) });
    const { preview, result } = await previewThenApply("2026-04-16T00:00:00Z", {
      id: sub.publicId,
      items: items(["proYearly"]),
      prorationBehavior: "create_prorations",
    });
    // Unused half of Basic −500, then a whole year of Pro 30000.
    expect(amounts(preview.dueNow)).toEqual([-500, 30000]);
    expect(preview.dueNow.lines[1]).toMatchObject({
      periodStart: "2026-04-16T00:00:00.000Z",
      periodEnd: "2027-04-16T00:00:00.000Z",
    });
    expect(result.subscription).toMatchObject({
      billingCycleAnchor: new Date("2026-04-16T00:00:00Z"),
      currentPeriodStart: new Date("2026-04-16T00:00:00Z"),
      currentPeriodEnd: new Date("2027-04-16T00:00:00Z"),
    });
    expect(preview.nextInvoice).toMatchObject({ date: "2027-04-16T00:00:00.000Z", total: 30000 });
  });

  it("pending prorations are invoiced with the next always_invoice change, and the preview says so", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["seat", 2]) });
    // Apr 11 (⅔ left): 2 → 4 seats held: −1600, +3200.
    await applyChange(db.em(), fixedClock("2026-04-11T00:00:00Z"), catalog.actor, {
      id: sub.publicId,
      items: items(["seat", 4]),
      prorationBehavior: "create_prorations",
    });
    // Apr 21 (⅓ left): 4 → 6 seats invoiced now with the held lines: −1600, +2400.
    const { preview } = await previewThenApply("2026-04-21T00:00:00Z", {
      id: sub.publicId,
      items: items(["seat", 6]),
      prorationBehavior: "always_invoice",
    });
    expect(amounts(preview.dueNow)).toEqual([-1600, 3200, -1600, 2400]);
    expect(preview.dueNow.total).toBe(2400);
    expect(amounts(preview.nextInvoice!)).toEqual([7200]);
  });

  it("refuses another currency, mixed intervals and bad quantities, changing nothing", async () => {
    const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: items(["basic"]) });
    const change = (input: Partial<ChangeSubscriptionInput>) =>
      applyChange(db.em(), fixedClock("2026-04-10T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        items: [],
        ...input,
      });
    await expect(change({ items: items(["usd"]) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      reason: "CURRENCY_MISMATCH",
    });
    await expect(change({ items: items(["basic"], ["proYearly"]) })).rejects.toMatchObject({
      reason: "MIXED_INTERVALS",
    });
    await expect(change({ items: items(["seat", 0]) })).rejects.toMatchObject({ reason: "INVALID_QUANTITY" });
    await expect(change({ items: items(["apiCalls", 3]) })).rejects.toMatchObject({
      reason: "QUANTITY_NOT_ALLOWED",
    });
    await expect(change({ items: [] })).rejects.toMatchObject({ reason: "ITEMS_REQUIRED" });
    expect(await invoicesOf(db.em(), sub.id)).toHaveLength(1);
  });
});
