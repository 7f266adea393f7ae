import { SecretKeyring } from "@portico/auth";
import { addPaymentMethod, DOWNLOAD_KEY_PURPOSE, fixedClock, verifyDownloadToken } from "@portico/core";
import { Customer, Merchant, Payment, StoredFile } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { consultingInvoice, portalMerchant, type PortalMerchant } from "../../test/portal.js";

const NOW = new Date("2026-06-15T12:00:00Z");
const clock = fixedClock(NOW);
const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);
const CARDS = { visa: "4242424242424242", declined: "4000000000000002", processing: "4000000000000259" };

describe("portal.payments history and receipts", () => {
  let db: TestDatabase;
  let merchantId: number;
  let acme: PortalMerchant;
  let alpha: string;
  let beta: string;
  /** Alpha's payments: one refunded in part, one declined, one still processing; Beta's paid one. */
  const py = { refunded: "", declined: "", processing: "", beta: "" };
  let refundedInvoiceNumber = "";
  let attempts = 0;
  const key = () => `attempt-${++attempts}`;

  const integration = () => acme.integration();
  /** A browser that redeemed a portal link for `customer` (with its own configuration if given). */
  const signedIn = async (customer: string, configuration?: string) =>
    (await acme.viaLink(customer, configuration)).payments;

  /** Pays a new invoice of `amount` with a new card `number` (made the default); the payment's `py_…`. */
  const payWith = async (customer: string, number: string, amount: number) => {
    await addPaymentMethod(
      db.em(),
      clock,
      { merchantId, type: "api_key", id: "key_tests" },
      {
        customer,
        source: { type: "test_card", number, expMonth: 12, expYear: 2030, cvc: "123" },
        setDefault: true,
      },
    );
    const invoice = await consultingInvoice(db, { customer, amount, issuedBy: clock, daysUntilDue: 30 });
    const paid = await integration().invoices.pay({ invoice: invoice.id, idempotencyKey: key() });
    return { payment: paid.payment!.id, invoiceNumber: invoice.number! };
  };
  const tokenOf = (url: string) =>
    verifyDownloadToken(keys.deriveKey(DOWNLOAD_KEY_PURPOSE), clock, url.split("/").pop()!);
  const fileOf = async (url: string) =>
    db.em().findOneOrFail(StoredFile, { publicId: tokenOf(url)!.fileId }, { populate: ["data"] });

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", invoiceNumberPrefix: "ACME" });
    const a = em.create(Customer, { merchant, name: "Alpha SAS", email: "ap@alpha.test", currency: "EUR" });
    const b = em.create(Customer, { merchant, name: "Beta Ltd", email: "ap@beta.test", currency: "EUR" });
    await em.flush();
    merchantId = merchant.id;
    [alpha, beta] = [a.publicId, b.publicId];
    acme = await portalMerchant(db, { clock, merchantId, secretKeys: keys });

    const refunded = await payWith(alpha, CARDS.visa, 12_000);
    [py.refunded, refundedInvoiceNumber] = [refunded.payment, refunded.invoiceNumber];
    await integration().payments.refund({ payment: py.refunded, amount: 2_000, idempotencyKey: key() });
    py.declined = (await payWith(alpha, CARDS.declined, 3_000)).payment;
    py.processing = (await payWith(alpha, CARDS.processing, 4_500)).payment;
    py.beta = (await payWith(beta, CARDS.visa, 7_700)).payment;
  });
  afterAll(() => db?.close());

  it("lists the customer's payments newest first with invoice number, method, refunds and receipt availability", async () => {
    const payments = await signedIn(alpha);
    const page = await payments.list({});
    expect(page.data.map((p) => [p.id, p.status, p.receiptAvailable])).toEqual([
      [py.processing, "processing", false],
      [py.declined, "failed", false],
      [py.refunded, "partially_refunded", true],
    ]);
    const refunded = page.data[2]!;
    expect(refunded).toMatchObject({
      invoiceNumber: refundedInvoiceNumber,
      amount: 12_000,
      amountRefunded: 2_000,
      receiptNumber: "ACME-RCPT-0001",
      paymentMethod: { type: "card", brand: "visa", last4: "4242" },
      refunds: [
        {
          id: expect.stringMatching(/^re_/),
          amount: 2_000,
          status: "succeeded",
          reason: null,
          createdAt: NOW.toISOString(),
          succeededAt: NOW.toISOString(),
        },
      ],
    });
    expect(page.data[1]).toMatchObject({ failureCode: "card_declined", refunds: [] });
    // Only public ids: nothing numeric, no gateway token or fingerprint.
    expect(JSON.stringify(page)).not.toMatch(/"(gatewayToken|gatewayReference|fingerprint|merchant)"/);

    const first = await payments.list({ limit: 2 });
    expect(first).toMatchObject({ hasMore: true, nextCursor: py.declined });
    const rest = await payments.list({ limit: 2, startingAfter: first.nextCursor! });
    expect(rest.data.map((p) => p.id)).toEqual([py.refunded]);
    expect(rest.hasMore).toBe(false);

    expect((await (await signedIn(beta)).list({})).data.map((p) => p.id)).toEqual([py.beta]);
  });

  it("hands a signed ten-minute link to the receipt PDF of the customer's own payment, drawn once", async () => {
    const payments = await signedIn(alpha);
    const link = await payments.receipt({ payment: py.refunded });
    expect(link).toMatchObject({
      url: expect.stringMatching(
        /^http:\/\/localhost:3000\/files\/file_[a-z2-7]+\.cus_[a-z2-7]+\.\d+\.[\w-]{43}$/,
      ),
      expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
      contentType: "application/pdf",
      filename: expect.stringMatching(/^ACME-RCPT-0001-[0-9a-f]{12}\.pdf$/),
    });
    expect(tokenOf(link.url)?.customerId).toBe(alpha);
    const file = await fileOf(link.url);
    expect(file).toMatchObject({ purpose: "receipt", contentType: "application/pdf" });
    expect(Buffer.from(file.data.$).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Asking again serves the same file: nothing changed on the payment.
    const again = await payments.receipt({ payment: py.refunded });
    expect(tokenOf(again.url)?.fileId).toBe(file.publicId);
    expect(await db.em().count(StoredFile, { purpose: "receipt" })).toBe(1);
  });

  it("draws the receipt again after another refund, replacing the old file", async () => {
    const payments = await signedIn(alpha);
    const before = tokenOf((await payments.receipt({ payment: py.refunded })).url)!.fileId;
    await integration().payments.refund({ payment: py.refunded, amount: 1_000, idempotencyKey: key() });
    const after = tokenOf((await payments.receipt({ payment: py.refunded })).url)!.fileId;
    expect(after).not.toBe(before);
    expect(await db.em().findOne(StoredFile, { publicId: before })).toBeNull();
    const [entry] = (await payments.list({ status: "partially_refunded" })).data;
    expect(entry?.refunds.map((r) => r.amount)).toEqual([2_000, 1_000]);
  });

  it("numbers a succeeded payment that has no receipt number yet, from the merchant's counter", async () => {
    await db.em().nativeUpdate(Payment, { publicId: py.beta }, { receiptNumber: null });
    const link = await (await signedIn(beta)).receipt({ payment: py.beta });
    // Alpha's payment took 0001, Beta's 0002: the next number is 0003.
    expect(link.filename).toMatch(/^ACME-RCPT-0003-[0-9a-f]{12}\.pdf$/);
    expect((await db.em().findOneOrFail(Payment, { publicId: py.beta })).receiptNumber).toBe(
      "ACME-RCPT-0003",
    );
  });

  it("refuses a receipt for a payment that did not go through, with a typed error and no file", async () => {
    const payments = await signedIn(alpha);
    const files = await db.em().count(StoredFile, {});
    expect(await failure(payments.receipt({ payment: py.declined }))).toBe("CONFLICT RECEIPT_UNAVAILABLE");
    expect(await failure(payments.receipt({ payment: py.processing }))).toBe("CONFLICT RECEIPT_UNAVAILABLE");
    expect(await failure(payments.receipt({ payment: "in_abc" }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(payments.receipt({ payment: py.refunded, customer: beta } as never))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await db.em().count(StoredFile, {})).toBe(files);
  });

  it("answers NOT_FOUND for another customer's payment and never lists it", async () => {
    const payments = await signedIn(alpha);
    const files = await db.em().count(StoredFile, {});
    expect(await failure(payments.receipt({ payment: py.beta }))).toBe("NOT_FOUND PAYMENT_NOT_FOUND");
    expect((await payments.list({})).data.map((p) => p.id)).not.toContain(py.beta);
    expect(await db.em().count(StoredFile, {})).toBe(files);
  });

  it("answers FEATURE_DISABLED when the configuration turns invoice history off", async () => {
    const off = await acme.configuration({ invoiceHistory: { enabled: false } }, "No history");
    const payments = await signedIn(alpha, off);
    expect(await failure(payments.list({}))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(payments.receipt({ payment: py.refunded }))).toBe("FORBIDDEN FEATURE_DISABLED");
  });
});
