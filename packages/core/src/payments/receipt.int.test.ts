import { StoredFile, type ICustomer } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentFormat, documentLocale } from "../documents/format.js";
import { createBrandedShop, issueInvoice, pay, refund } from "../documents/test/fixtures.js";
import { normalize, pdfText } from "../documents/test/pdf-text.js";
import { toWinAnsi } from "../documents/win-ansi.js";
import { getPaymentReceipt } from "./receipt-file.js";
import { CARDS, createCustomer, manualClock, saveCard } from "./test/fixtures.js";

describe("payment receipt PDF", () => {
  let db: TestDatabase;
  const clock = manualClock("2026-03-10T09:00:00Z");
  let shop: Awaited<ReturnType<typeof createBrandedShop>>;
  let claire: ICustomer;
  let bob: ICustomer;

  const receiptOf = async (paymentId: string, customer: ICustomer) => {
    const file = await getPaymentReceipt(
      db.em(),
      clock,
      { merchantId: shop.merchantId, customerId: customer.id },
      paymentId,
    );
    const row = await db.em().findOneOrFail(StoredFile, file.id, { populate: ["data"] });
    return { file: row, text: await pdfText(row.data.$) };
  };
  /** As the PDF prints it: WinAnsi (a hyphen for U+2212), spaces for no-break spaces. */
  const printed = (text: string) => normalize(toWinAnsi(text));
  const en = documentFormat(documentLocale("en"), "EUR", "Europe/Paris");
  const fr = documentFormat(documentLocale("fr-FR"), "EUR", "Europe/Paris");

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createBrandedShop(db);
    claire = await createCustomer(db, shop, {
      name: "Société Générale d'Électricité",
      email: "compta@sge.test",
      locale: "fr-FR",
      address: { line1: "3 quai d'Orsay", postalCode: "69001", city: "Lyon", country: "FR" },
    });
    bob = await createCustomer(db, shop, { name: "Bob's Bakery", email: "bob@bakery.test", locale: "en-US" });
    await saveCard(db, clock, shop, claire, CARDS.mastercard);
    await saveCard(db, clock, shop, bob, CARDS.visa);
  });
  afterAll(() => db?.close());

  it("prints the merchant, who paid, the receipt number, date, card and invoice, in English", async () => {
    const invoice = await issueInvoice(db, clock, bob, [
      { type: "one_off", description: "Setup", amount: 4_990 },
    ]);
    const payment = (await pay(db, clock, shop, invoice))!;
    const { file, text } = await receiptOf(payment.publicId, bob);
    expect(file.filename).toMatch(new RegExp(`^${payment.receiptNumber}-[0-9a-f]{12}\\.pdf$`));
    for (const expected of [
      shop.businessName,
      "Receipt",
      "PAID",
      "Received from",
      "Bob's Bakery",
      "bob@bakery.test",
      `Receipt number ${payment.receiptNumber}`,
      `Date paid ${printed(en.date(clock.now()))}`,
      "Payment method Visa ending in 4242",
      `Invoice ${invoice.number}`,
      `Payment of invoice ${invoice.number}`,
      `Amount paid ${printed(en.money(4_990))}`,
      "Thank you for your payment.",
      "Questions? Contact billing@acme.test",
      "Page 1 of 1",
    ]) {
      expect(text.all).toContain(expected);
    }
    expect(text.all).not.toContain("Refunds");
    expect(text.info.Title).toBe(`Receipt ${payment.receiptNumber}`);
  });

  it("lists refunds and the net amount in the customer's language, stamped refunded once all is back", async () => {
    const invoice = await issueInvoice(db, clock, claire, [
      { type: "one_off", description: "Abonnement", amount: 10_000 },
    ]);
    const payment = (await pay(db, clock, shop, invoice))!;
    clock.advance(86_400);
    const first = await refund(db, clock, shop, payment.publicId, 2_500);
    const partly = await receiptOf(payment.publicId, claire);
    for (const expected of [
      "Reçu",
      "PAYÉE",
      "Reçu de",
      "Société Générale d'Électricité",
      "Mastercard se terminant par 4444",
      `Paiement de la facture ${invoice.number}`,
      "Remboursements",
      `Remboursement ${first.refund.publicId}`,
      `Total remboursé ${printed(fr.money(-2_500))}`,
      `Montant net payé ${printed(fr.money(7_500))}`,
    ]) {
      expect(partly.text.all).toContain(expected);
    }

    await refund(db, clock, shop, payment.publicId, 7_500);
    const full = await receiptOf(payment.publicId, claire);
    expect(full.file.publicId).not.toBe(partly.file.publicId);
    expect(full.text.all).toContain("REMBOURSÉ");
    expect(full.text.all).toContain(`Montant net payé ${printed(fr.money(0))}`);
    // The replaced receipt is gone: one file per receipt.
    expect(await db.em().count(StoredFile, { customer: claire.id, purpose: "receipt" })).toBe(1);
  });
});
