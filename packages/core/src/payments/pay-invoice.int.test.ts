import {
  AuditEvent,
  Customer,
  Invoice,
  Merchant,
  Payment,
  Subscription,
  WalletTransaction,
  type ICustomer,
  type IInvoice,
  type SubscriptionStatus,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantCredits } from "../wallets/grant.js";
import { gatewayKeyOf } from "./charge.js";
import type { Gateway } from "./gateway.js";
import { addPaymentMethod } from "./methods.js";
import { payInvoice, type PayInvoiceInput } from "./pay-invoice.js";
import { registerGateway, sandboxLedger } from "./registry.js";
import { SANDBOX_PROCESSING_SECONDS } from "./sandbox-gateway.js";
import { settlePaymentByReference, settleProcessingPayments } from "./settle.js";
import {
  CARDS,
  createCustomer,
  createShop,
  manualClock,
  openInvoice,
  saveCard,
  type Shop,
} from "./test/fixtures.js";

describe("payInvoice", () => {
  let db: TestDatabase;
  let shop: Shop;
  const clock = manualClock("2026-05-01T10:00:00Z");
  let keys = 0;
  const key = () => `key-${++keys}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db);
  });
  afterAll(() => db?.close());

  async function customerWithCard(number: string): Promise<ICustomer> {
    const customer = await createCustomer(db, shop);
    await saveCard(db, clock, shop, customer, number);
    return customer;
  }

  const pay = (invoice: IInvoice, extra: Partial<PayInvoiceInput> = {}) =>
    payInvoice(db.em(), clock, {
      invoice: invoice.publicId,
      idempotencyKey: key(),
      actor: shop.actor,
      ...extra,
    });

  const reload = (invoice: IInvoice) => db.em().findOneOrFail(Invoice, invoice.id);

  it("charges 4242 and marks the invoice paid with a receipt number", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 4900);
    const result = await pay(invoice);
    expect(result.replayed).toBe(false);
    expect(result.payment).toMatchObject({
      status: "succeeded",
      amount: 4900,
      currency: "EUR",
      receiptNumber: expect.stringMatching(/^ACME-RCPT-\d{4}$/),
      description: `Invoice ${invoice.number}`,
    });
    expect(result.invoice).toMatchObject({
      status: "paid",
      amountPaid: 4900,
      amountRemaining: 0,
      attemptCount: 1,
    });
    expect(result.invoice.paidAt).toEqual(clock.now());
    expect(result.invoice.latestPayment?.id).toBe(result.payment!.id);
    const actions = (
      await db.em().find(AuditEvent, { customer: customer.id }, { orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["PaymentMethod.Added", "Payment.Succeeded", "Invoice.Paid"]),
    );
  });

  it("numbers receipts without gaps across payments", async () => {
    const customer = await customerWithCard(CARDS.mastercard);
    const first = await pay(await openInvoice(db, clock, customer, 100));
    const second = await pay(await openInvoice(db, clock, customer, 200));
    const n = (receipt: string | null | undefined) => Number(receipt?.split("-").at(-1));
    expect(n(second.payment?.receiptNumber)).toBe(n(first.payment?.receiptNumber) + 1);
  });

  it.each([
    [CARDS.declined, "card_declined"],
    [CARDS.insufficientFunds, "insufficient_funds"],
  ])("records a failed charge of %s and leaves the invoice open", async (number, code) => {
    const customer = await customerWithCard(number);
    const invoice = await openInvoice(db, clock, customer, 2500);
    const result = await pay(invoice);
    expect(result.payment).toMatchObject({ status: "failed", failureCode: code, receiptNumber: null });
    expect(result.payment?.failureMessage).toBeTruthy();
    expect(result.invoice).toMatchObject({
      status: "open",
      amountPaid: 0,
      amountRemaining: 2500,
      attemptCount: 1,
    });
    expect(result.invoice.latestPayment?.id).toBe(result.payment!.id);
    const again = await pay(invoice);
    expect(again.invoice.attemptCount).toBe(2);
  });

  it("leaves a 0259 charge processing until the clock passes its settling time", async () => {
    const customer = await customerWithCard(CARDS.processing);
    const invoice = await openInvoice(db, clock, customer, 3000);
    const result = await pay(invoice);
    expect(result.payment).toMatchObject({ status: "processing", receiptNumber: null });
    expect(result.invoice).toMatchObject({ status: "open", amountPaid: 0, amountRemaining: 3000 });

    // Paying again meanwhile asks the gateway, which still says processing.
    await expect(pay(invoice)).rejects.toMatchObject({ code: "CONFLICT", reason: "PAYMENT_IN_PROGRESS" });
    expect(await settleProcessingPayments(db.em(), clock, { merchantId: shop.merchantId })).toMatchObject({
      settled: 0,
    });

    clock.advance(SANDBOX_PROCESSING_SECONDS);
    const run = await settleProcessingPayments(db.em(), clock, { merchantId: shop.merchantId });
    expect(run).toMatchObject({ checked: 1, settled: 1, errors: 0 });
    const payment = await db.em().findOneOrFail(Payment, result.payment!.id);
    expect(payment).toMatchObject({ status: "succeeded", receiptNumber: expect.stringMatching(/RCPT/) });
    expect(await reload(invoice)).toMatchObject({ status: "paid", amountPaid: 3000, amountRemaining: 0 });
  });

  it("settles a processing charge on the next pay attempt (the status check) and then reports it paid", async () => {
    const customer = await customerWithCard(CARDS.processing);
    const invoice = await openInvoice(db, clock, customer, 1200);
    const first = await pay(invoice);
    clock.advance(SANDBOX_PROCESSING_SECONDS);
    await expect(pay(invoice)).rejects.toMatchObject({
      reason: "PAYMENT_ALREADY_PROCESSED",
      details: { payment: first.payment!.publicId },
    });
    expect(await reload(invoice)).toMatchObject({ status: "paid" });
  });

  it("replays the same key with the same parameters and never charges twice", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 700);
    const input = { invoice: invoice.publicId, idempotencyKey: "double-submit", actor: shop.actor };
    const first = await payInvoice(db.em(), clock, input);
    const second = await payInvoice(db.em(), clock, input);
    expect(second.replayed).toBe(true);
    expect(second.payment?.publicId).toBe(first.payment?.publicId);
    expect(sandboxLedger.chargesWithKey(gatewayKeyOf(first.payment!))).toHaveLength(1);
    expect(await db.em().count(Payment, { invoice: invoice.id })).toBe(1);

    await expect(
      payInvoice(db.em(), clock, { ...input, amount: 500, allowPartial: true }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      reason: "IDEMPOTENCY_KEY_REUSED",
    });
  });

  it("answers PAYMENT_ALREADY_PROCESSED for a paid invoice, naming the payment", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 900);
    const paid = await pay(invoice);
    await expect(pay(invoice)).rejects.toMatchObject({
      code: "CONFLICT",
      reason: "PAYMENT_ALREADY_PROCESSED",
      details: { payment: paid.payment!.publicId },
    });
  });

  it("adds up partial payments, then marks the invoice paid", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 10_000);
    await expect(pay(invoice, { amount: 4000 })).rejects.toMatchObject({
      reason: "PARTIAL_PAYMENT_NOT_ALLOWED",
    });
    await expect(pay(invoice, { amount: 10_001, allowPartial: true })).rejects.toMatchObject({
      reason: "AMOUNT_EXCEEDS_REMAINING",
    });
    const first = await pay(invoice, { amount: 4000, allowPartial: true });
    expect(first.invoice).toMatchObject({ status: "open", amountPaid: 4000, amountRemaining: 6000 });
    const second = await pay(invoice, { amount: 2500, allowPartial: true });
    expect(second.invoice).toMatchObject({ status: "open", amountPaid: 6500, amountRemaining: 3500 });
    const last = await pay(invoice);
    expect(last.payment?.amount).toBe(3500);
    expect(last.invoice).toMatchObject({
      status: "paid",
      amountPaid: 10_000,
      amountRemaining: 0,
      attemptCount: 3,
    });
  });

  it("applies wallet credits first, earliest-expiring first, never expired ones, then charges the rest", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const grant = (amount: number, expiresAt: Date | null) =>
      grantCredits(db.em(), clock, shop.actor, { customer: customer.publicId, amount, expiresAt });
    const lapsing = await grant(300, new Date(clock.now().getTime() + 60_000));
    const later = await grant(500, new Date(clock.now().getTime() + 86_400_000));
    const forever = await grant(1000, null);
    clock.advance(120); // the first grant has lapsed (not yet written off by the expiry job)
    const invoice = await openInvoice(db, clock, customer, 1200);
    const result = await pay(invoice);
    expect(result.invoice).toMatchObject({
      status: "paid",
      walletCreditApplied: 1200,
      amountDue: 0,
      amountPaid: 0,
      amountRemaining: 0,
    });
    expect(result.payment).toBeNull();
    const credits = await db.em().find(WalletTransaction, {
      id: { $in: [lapsing.transaction.id, later.transaction.id, forever.transaction.id] },
    });
    const remaining = Object.fromEntries(credits.map((c) => [c.id, c.remainingAmount]));
    expect(remaining).toEqual({
      [lapsing.transaction.id]: 300,
      [later.transaction.id]: 0,
      [forever.transaction.id]: 300,
    });
    const applications = await db.em().find(WalletTransaction, { invoice: invoice.id });
    expect(applications.map((a) => [a.type, a.amount, a.balanceAfter])).toEqual([
      ["application", -1200, 600],
    ]);

    const next = await openInvoice(db, clock, customer, 1000);
    const charged = await pay(next);
    expect(charged.invoice).toMatchObject({
      status: "paid",
      walletCreditApplied: 300,
      amountDue: 700,
      amountPaid: 700,
    });
    expect(charged.payment?.amount).toBe(700);
  });

  it("refuses without a payment method and changes nothing (credits stay unspent)", async () => {
    const customer = await createCustomer(db, shop);
    await grantCredits(db.em(), clock, shop.actor, { customer: customer.publicId, amount: 100 });
    const invoice = await openInvoice(db, clock, customer, 1000);
    await expect(pay(invoice)).rejects.toMatchObject({ code: "BAD_REQUEST", reason: "NO_PAYMENT_METHOD" });
    expect(await reload(invoice)).toMatchObject({
      status: "open",
      walletCreditApplied: 0,
      amountRemaining: 1000,
    });
    expect(await db.em().count(WalletTransaction, { customer: customer.id, type: "application" })).toBe(0);
  });

  it("pays with a named method, and refuses another customer's method", async () => {
    const customer = await customerWithCard(CARDS.declined);
    const good = await saveCard(db, clock, shop, customer, CARDS.visa);
    const stranger = await createCustomer(db, shop);
    const strangers = await saveCard(db, clock, shop, stranger, CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 800);
    await expect(pay(invoice, { paymentMethod: strangers.publicId })).rejects.toMatchObject({
      code: "NOT_FOUND",
      reason: "PAYMENT_METHOD_NOT_FOUND",
    });
    const result = await pay(invoice, { paymentMethod: good.publicId });
    expect(result.payment).toMatchObject({ status: "succeeded" });
    expect(result.payment?.paymentMethod?.id).toBe(good.id);
  });

  it("refuses draft and void invoices, and invoices of another scope", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 800);
    const elsewhere = await createShop(db, "ELSE");
    await expect(
      payInvoice(db.em(), clock, {
        invoice: invoice.publicId,
        idempotencyKey: key(),
        actor: elsewhere.actor,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", reason: "INVOICE_NOT_FOUND" });
    await expect(
      payInvoice(db.em(), clock, {
        invoice: invoice.publicId,
        idempotencyKey: key(),
        actor: { ...shop.actor, customerId: customer.id + 1000 },
      }),
    ).rejects.toMatchObject({ reason: "INVOICE_NOT_FOUND" });
    const em = db.em();
    const voided = await em.findOneOrFail(Invoice, invoice.id);
    voided.status = "void";
    await em.flush();
    await expect(pay(invoice)).rejects.toMatchObject({ code: "CONFLICT", reason: "INVOICE_NOT_PAYABLE" });
  });

  it("pays uncollectible invoices", async () => {
    const customer = await customerWithCard(CARDS.visa);
    const invoice = await openInvoice(db, clock, customer, 800);
    const em = db.em();
    (await em.findOneOrFail(Invoice, invoice.id)).status = "uncollectible";
    await em.flush();
    expect((await pay(invoice)).invoice.status).toBe("paid");
  });

  describe("another gateway", () => {
    /** A Stripe-like fake: SetupIntents save methods, charges stay processing until a webhook. */
    const fakeStripe = (): Gateway => ({
      name: "stripe",
      ensureCustomer: async (customer) => `cus_fake_${customer.publicId}`,
      attachMethod: async ({ source }) => {
        if (source.type !== "setup_intent") throw new Error("Stripe takes SetupIntents");
        return {
          token: `pm_fake_${source.setupIntentId}`,
          type: "card",
          brand: "visa",
          last4: "4242",
          expMonth: 1,
          expYear: 2031,
          holderName: null,
          country: "FR",
          fingerprint: `fp_${source.setupIntentId}`,
        };
      },
      detachMethod: async () => {},
      charge: async (input) => ({
        status: "processing",
        reference: `pi_fake_${input.idempotencyKey}`,
        failureCode: null,
        failureMessage: null,
      }),
      retrieveCharge: async (reference) => ({
        status: "processing",
        reference,
        failureCode: null,
        failureMessage: null,
      }),
      refund: async () => ({ status: "succeeded", reference: "re_fake", failureMessage: null }),
    });

    it("charges through the merchant's gateway and settles on the gateway's webhook, never with sandbox cards", async () => {
      const restore = registerGateway("stripe", () => fakeStripe());
      try {
        const stripeShop = await createShop(db, "LIVE");
        const customer = await createCustomer(db, stripeShop);
        await saveCard(db, clock, stripeShop, customer, CARDS.visa);
        const em = db.em();
        (await em.findOneOrFail(Merchant, stripeShop.merchantId)).gateway = "stripe";
        await em.flush();
        const invoice = await openInvoice(db, clock, customer, 2000);
        const payWith = (idempotencyKey: string) =>
          payInvoice(db.em(), clock, { invoice: invoice.publicId, idempotencyKey, actor: stripeShop.actor });
        await expect(payWith("live-1")).rejects.toMatchObject({ reason: "NO_PAYMENT_METHOD" });

        const method = await addPaymentMethod(db.em(), clock, stripeShop.actor, {
          customer: customer.publicId,
          source: { type: "setup_intent", setupIntentId: "seti_123" },
        });
        expect(method).toMatchObject({
          gateway: "stripe",
          gatewayToken: "pm_fake_seti_123",
          isDefault: true,
        });
        expect((await db.em().findOneOrFail(Customer, customer.id)).gatewayCustomerId).toBe(
          `cus_fake_${customer.publicId}`,
        );
        const { payment } = await payWith("live-2");
        expect(payment).toMatchObject({
          status: "processing",
          gateway: "stripe",
          paymentMethod: { id: method.id },
        });

        const settled = await settlePaymentByReference(db.em(), clock, "stripe", payment!.gatewayReference!, {
          status: "succeeded",
          reference: payment!.gatewayReference!,
          failureCode: null,
          failureMessage: null,
        });
        expect(settled).toMatchObject({ status: "succeeded", receiptNumber: "LIVE-RCPT-0001" });
        expect(await reload(invoice)).toMatchObject({ status: "paid", amountPaid: 2000 });
        // The webhook delivered twice changes nothing.
        await settlePaymentByReference(db.em(), clock, "stripe", payment!.gatewayReference!, {
          status: "failed",
          reference: payment!.gatewayReference!,
          failureCode: "card_declined",
          failureMessage: null,
        });
        expect(await db.em().findOneOrFail(Payment, payment!.id)).toMatchObject({ status: "succeeded" });
      } finally {
        restore();
      }
    });
  });

  describe("subscription invoices", () => {
    async function subscribed(number: string, status: SubscriptionStatus) {
      const customer = await customerWithCard(number);
      const em = db.em();
      const now = clock.now();
      const subscription = em.create(Subscription, {
        merchant: shop.merchantId,
        customer,
        status,
        currency: "EUR",
        startedAt: now,
        currentPeriodStart: now,
        currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
        billingCycleAnchor: now,
      });
      await em.flush();
      const invoice = await openInvoice(db, clock, customer, 1500, { subscriptionId: subscription.id });
      subscription.latestInvoice = em.getReference(Invoice, invoice.id) as never;
      await em.flush();
      return { subscription, invoice };
    }

    it("activates an incomplete subscription once its invoice is paid", async () => {
      const { subscription, invoice } = await subscribed(CARDS.visa, "incomplete");
      await pay(invoice);
      expect((await db.em().findOneOrFail(Subscription, subscription.id)).status).toBe("active");
    });

    it("puts an active subscription past due when the charge fails, and back when it is paid", async () => {
      const { subscription, invoice } = await subscribed(CARDS.declined, "active");
      await pay(invoice);
      expect((await db.em().findOneOrFail(Subscription, subscription.id)).status).toBe("past_due");
      const customer = await db.em().findOneOrFail(Subscription, subscription.id, { populate: ["customer"] });
      await saveCard(db, clock, shop, customer.customer.getEntity(), CARDS.visa, { setDefault: true });
      await pay(invoice);
      expect((await db.em().findOneOrFail(Subscription, subscription.id)).status).toBe("active");
    });
  });

  describe.runIf(process.env.DATABASE_URL)("concurrency on PostgreSQL", () => {
    it("makes one charge for 20 concurrent calls with one key", async () => {
      const customer = await customerWithCard(CARDS.visa);
      const invoice = await openInvoice(db, clock, customer, 1111);
      const charges = sandboxLedger.charges.length;
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          payInvoice(db.em(), clock, {
            invoice: invoice.publicId,
            idempotencyKey: "same-key",
            actor: shop.actor,
          }),
        ),
      );
      expect(sandboxLedger.charges.length - charges).toBe(1);
      const reasons = results.flatMap((r) =>
        r.status === "rejected" ? [(r.reason as { reason: string }).reason] : [],
      );
      expect(reasons.every((reason) => reason === "IDEMPOTENCY_IN_PROGRESS")).toBe(true);
      expect(await db.em().count(Payment, { invoice: invoice.id })).toBe(1);
      expect(await reload(invoice)).toMatchObject({ status: "paid", amountPaid: 1111 });
    });

    it("lets exactly one of 50 concurrent pay calls (different keys) succeed", async () => {
      const customer = await customerWithCard(CARDS.visa);
      const invoice = await openInvoice(db, clock, customer, 5000);
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => pay(invoice)));
      const succeeded = await db.em().count(Payment, { invoice: invoice.id, status: "succeeded" });
      expect(succeeded).toBe(1);
      expect(await db.em().count(Payment, { invoice: invoice.id })).toBe(1);
      const reasons = new Set(
        results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { reason: string }).reason] : [])),
      );
      expect(
        [...reasons].every((r) => r === "PAYMENT_IN_PROGRESS" || r === "PAYMENT_ALREADY_PROCESSED"),
      ).toBe(true);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await reload(invoice)).toMatchObject({ status: "paid", amountPaid: 5000, amountRemaining: 0 });
    });
  });
});
