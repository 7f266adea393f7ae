import { Customer, Invoice, StoredFile, type ICustomer } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../actor.js";
import { AppError } from "../errors.js";
import { createDraftInvoice } from "../invoices/draft.js";
import { voidInvoice } from "../invoices/transitions.js";
import { CARDS, createCustomer, manualClock, saveCard } from "../payments/test/fixtures.js";
import { documentFormat, documentLocale } from "./format.js";
import { getInvoicePdf } from "./invoice-file.js";
import { createBrandedShop, issueInvoice, pay, refund } from "./test/fixtures.js";
import { normalize, pdfText } from "./test/pdf-text.js";

const DAY = 86_400;

describe("invoice PDF", () => {
  let db: TestDatabase;
  const clock = manualClock("2026-03-10T09:00:00Z");
  let shop: Awaited<ReturnType<typeof createBrandedShop>>;
  let claire: ICustomer;
  let bob: ICustomer;

  const pdfOf = async (invoiceId: string, scope: { customerId?: number } = {}) => {
    const file = await getInvoicePdf(db.em(), clock, { merchantId: shop.merchantId, ...scope }, invoiceId);
    const row = await db.em().findOneOrFail(StoredFile, file.id, { populate: ["data"] });
    return { file: row, text: await pdfText(row.data.$) };
  };
  const fr = documentFormat(documentLocale("fr-FR"), "EUR", "Europe/Paris");
  const en = documentFormat(documentLocale("en"), "EUR", "Europe/Paris");

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createBrandedShop(db);
    claire = await createCustomer(db, shop, {
      name: "Société Générale d'Électricité",
      email: "compta@sge.test",
      locale: "fr-FR",
      address: { line1: "3 quai d'Orsay", postalCode: "69001", city: "Lyon", country: "FR" },
      taxId: "FR12345678901",
    });
    bob = await createCustomer(db, shop, { name: "Bob's Bakery", email: "bob@bakery.test", locale: "en-US" });
    await saveCard(db, clock, shop, claire, CARDS.visa);
    await saveCard(db, clock, shop, bob, CARDS.visa);
  });
  afterAll(() => db?.close());

  it("prints the merchant, the bill-to snapshot, every line, tax, totals and payments, in the customer's language", async () => {
    const start = new Date("2026-03-01T00:00:00+01:00");
    const end = new Date("2026-04-01T00:00:00+02:00");
    const invoice = await issueInvoice(
      db,
      clock,
      claire,
      [
        {
          type: "subscription",
          description: "Forfait Pro",
          amount: 3000,
          quantity: 1,
          unitAmount: 3000,
          periodStart: start,
          periodEnd: end,
        },
        {
          type: "proration",
          description: "Temps non utilisé sur Basic",
          amount: -500,
          proration: true,
          periodStart: start,
          periodEnd: end,
        },
        { type: "usage", description: "Appels API", amount: 2469, quantity: 12345, unitAmountDecimal: "0.2" },
      ],
      { taxRate: shop.vat, memo: "Merci pour votre confiance.", collectionMethod: "send_invoice" },
    );
    // 30.00 − 5.00 + 24.69 = 49.69, VAT 20 % = 9.94 → 59.63
    expect({ subtotal: invoice.subtotal, tax: invoice.taxTotal, total: invoice.total }).toEqual({
      subtotal: 4969,
      tax: 994,
      total: 5963,
    });
    clock.advance(60);
    const payment = (await pay(db, clock, shop, invoice, 2000))!;

    const { file, text } = await pdfOf(invoice.publicId);
    expect(file).toMatchObject({
      purpose: "invoice_pdf",
      contentType: "application/pdf",
      customer: { id: claire.id },
    });
    expect(file.filename).toMatch(/^ACME-\d{4}-[0-9a-f]{12}\.pdf$/);
    expect(text.pages).toHaveLength(1);
    expect(text.info).toMatchObject({ Title: `Facture ${invoice.number}`, Author: shop.businessName });

    const expected = [
      shop.businessName,
      "12 rue de la Paix",
      "Identifiant fiscal : FR40303265045",
      "Facture",
      invoice.number!,
      "Facturé à",
      "Société Générale d'Électricité",
      "3 quai d'Orsay",
      "69001 Lyon",
      "Identifiant fiscal : FR12345678901",
      "Forfait Pro",
      "Temps non utilisé sur Basic",
      "Au prorata",
      "Appels API",
      fr.quantity(12345),
      fr.preciseMoney("0.2"),
      // period "1 mars 2026 – 31 mars 2026" (the end instant is the first moment of April)
      `${fr.date(start)} – ${fr.date(new Date("2026-03-31T12:00:00Z"))}`,
      `Sous-total ${fr.money(4969)}`,
      `TVA (20 %) ${fr.money(994)}`,
      `Total ${fr.money(5963)}`,
      `Montant dû ${fr.money(5963)}`,
      `Date d'échéance ${fr.date(new Date("2026-04-09T09:00:00Z"))}`,
      `Paiement ${payment.receiptNumber}`,
      "Visa se terminant par 4242",
      fr.money(-2000),
      `Montant payé ${fr.money(2000)}`,
      `Reste à payer ${fr.money(3963)}`,
      "Merci pour votre confiance.",
      "Des questions ? Écrivez à billing@acme.test",
      "Page 1 sur 1",
    ];
    for (const piece of expected) expect(text.all).toContain(normalize(piece));
    // Open and not yet due: no stamp.
    for (const word of ["PAYÉE", "EN RETARD", "ANNULÉE"]) expect(text.all).not.toContain(word);
  });

  it("runs a 120-line invoice over several numbered pages, every line once, the totals at the end", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({
      type: "one_off" as const,
      description: `Support ticket #${String(i + 1).padStart(3, "0")}`,
      amount: 100 + i,
      quantity: 1,
      unitAmount: 100 + i,
    }));
    const invoice = await issueInvoice(db, clock, bob, lines);
    const { text } = await pdfOf(invoice.publicId);
    expect(text.pages.length).toBeGreaterThanOrEqual(3);
    text.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${text.pages.length}`);
      // The header row is repeated on every page the table reaches.
      if (index < text.pages.length - 1) expect(page).toContain("Description Qty Unit price Amount");
    });
    for (const line of lines) {
      expect(text.all.split(line.description).length - 1).toBe(1);
    }
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    expect(text.pages.at(-1)).toContain(normalize(`Total ${en.money(total)}`));
    expect(text.pages[0]).toContain("Bob's Bakery");
  });

  it("keeps the cached file while nothing changed, and draws it again when the invoice is paid, overdue or void", async () => {
    const invoice = await issueInvoice(
      db,
      clock,
      bob,
      [{ type: "one_off", description: "Setup", amount: 10_000 }],
      {
        collectionMethod: "send_invoice",
      },
    );
    const first = await pdfOf(invoice.publicId);
    const again = await pdfOf(invoice.publicId);
    expect(again.file.id).toBe(first.file.id);
    expect((await db.em().findOneOrFail(Invoice, invoice.id)).pdfFile?.id).toBe(first.file.id);
    expect(first.text.all).not.toContain("OVERDUE");

    // Past its due date (30 days): the stamp appears, so the file is new and the old one gone.
    clock.advance(31 * DAY);
    const overdue = await pdfOf(invoice.publicId);
    expect(overdue.file.id).not.toBe(first.file.id);
    expect(overdue.text.all).toContain("OVERDUE");
    expect(await db.em().count(StoredFile, { id: first.file.id })).toBe(0);

    const payment = (await pay(db, clock, shop, invoice))!;
    const paid = await pdfOf(invoice.publicId);
    expect(paid.text.all).toContain("PAID");
    expect(paid.text.all).not.toContain("OVERDUE");
    expect(paid.text.all).toContain(normalize(`Amount remaining ${en.money(0)}`));

    // A refund issues a credit note: listed, and counted as credited.
    clock.advance(60);
    await refund(db, clock, shop, payment.publicId, 2500);
    const refunded = await pdfOf(invoice.publicId);
    expect(refunded.text.all).toContain(normalize(`Refunded: ${en.money(2500)}`));
    expect(refunded.text.all).toMatch(/Credit note ACME-CN-\d{4}/);
    expect(refunded.text.all).toContain(normalize(`Amount credited ${en.money(2500)}`));
    expect(refunded.text.all).toContain(normalize(`Amount paid ${en.money(7500)}`));
    expect(
      await db.em().count(StoredFile, {
        customer: bob.id,
        purpose: "invoice_pdf",
        id: { $in: [first.file.id, overdue.file.id, paid.file.id] },
      }),
    ).toBe(0);

    const open = await issueInvoice(db, clock, bob, [
      { type: "one_off", description: "Mistake", amount: 999 },
    ]);
    await db.orm.em.fork().transactional(async (em) => {
      const row = await em.findOneOrFail(Invoice, open.id);
      await voidInvoice(em, clock, row, SYSTEM_ACTOR);
    });
    expect((await pdfOf(open.publicId)).text.all).toContain("VOID");
  });

  it("answers NOT_FOUND for another customer's invoice, and for drafts unless the merchant asks", async () => {
    const invoice = await issueInvoice(db, clock, claire, [
      { type: "one_off", description: "Audit", amount: 5000 },
    ]);
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (e: unknown) => (e instanceof AppError ? `${e.code} ${e.reason}` : String(e)),
      );
    expect(await reason(pdfOf(invoice.publicId, { customerId: bob.id }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect(
      await reason(getInvoicePdf(db.em(), clock, { merchantId: shop.merchantId + 999 }, invoice.publicId)),
    ).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect((await pdfOf(invoice.publicId, { customerId: claire.id })).text.all).toContain("Audit");

    const draft = await db.orm.em.fork().transactional(async (em) => {
      const owner = await em.findOneOrFail(Customer, claire.id);
      return createDraftInvoice(em, clock, {
        customer: owner,
        currency: "EUR",
        lines: [{ type: "one_off", description: "Draft", amount: 100 }],
        taxRate: null,
      });
    });
    expect(await reason(pdfOf(draft.publicId, { customerId: claire.id }))).toBe(
      "NOT_FOUND INVOICE_NOT_FOUND",
    );
    expect(await reason(pdfOf(draft.publicId))).toBe("CONFLICT INVOICE_NOT_FINALIZED");
  });

  it("prints what standard fonts cannot show as ? and accented letters without their accent", async () => {
    const zofia = await createCustomer(db, shop, {
      name: "Zofia Łukasiewicz – Őrség Кириллица",
      locale: "pl",
    });
    const invoice = await issueInvoice(db, clock, zofia, [
      { type: "one_off", description: "Wdrożenie 東京", amount: 100 },
    ]);
    const { text } = await pdfOf(invoice.publicId);
    expect(text.all).toContain("Zofia ?ukasiewicz – Orség ?????????");
    expect(text.all).toContain("Wdrozenie ??");
  });
});
