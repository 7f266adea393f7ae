import {
  AuditEvent,
  Customer,
  CustomerUser,
  EmailMessage,
  Invoice,
  Job,
  Statement,
  StoredFile,
  type ICustomer,
  type IInvoice,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../actor.js";
import { createMailer } from "../email/mailer.js";
import { AppError } from "../errors.js";
import { voidInvoice } from "../invoices/transitions.js";
import { coreJobHandlers } from "../jobs/core-handlers.js";
import { drainJobs } from "../jobs/run.js";
import { CARDS, createCustomer, saveCard } from "../payments/test/fixtures.js";
import { grantCredits } from "../wallets/grant.js";
import { documentFormat, documentLocale } from "./format.js";
import { generateStatement } from "./statement-job.js";
import { computeStatementLedger, type StatementLedger } from "./statement-ledger.js";
import { statementPeriod } from "./statement-period.js";
import { MAX_PENDING_STATEMENTS, requestStatement } from "./statements.js";
import { createBrandedShop, issueInvoice, pay, refund, storyClock } from "./test/fixtures.js";
import { normalize, pdfText } from "./test/pdf-text.js";

const PARIS = "Europe/Paris";
const FEBRUARY = { start: "2026-02-01", end: "2026-02-28" };

describe("statements", () => {
  let db: TestDatabase;
  const clock = storyClock("2026-01-10T09:00:00Z");
  let shop: Awaited<ReturnType<typeof createBrandedShop>>;
  let globex: ICustomer;
  let requesterId: number;
  const invoices: Record<string, IInvoice> = {};
  const refs: Record<string, string> = {};
  const mailer = createMailer({ from: "Portico <no-reply@portico.test>", log: () => {} });
  const handlers = coreJobHandlers({ mailer, publicUrl: "https://billing.acme.test" });
  const drain = () => drainJobs(db.orm, { clock, handlers, retry: { baseMs: 1000, maxMs: 1000 } });
  const february = () => statementPeriod(FEBRUARY, PARIS, clock.now());
  const ledgerOf = (period: { start: Date; end: Date }) =>
    computeStatementLedger(db.em(), {
      customerId: globex.id,
      currency: "EUR",
      periodStart: period.start,
      periodEnd: period.end,
    });
  const at = async <T>(iso: string, step: () => Promise<T>): Promise<T> => {
    clock.set(iso);
    return step();
  };
  const portal = () => ({ merchantId: shop.merchantId, customerId: globex.id });
  const file = async (statementId: string) => {
    const statement = await db
      .em()
      .findOneOrFail(Statement, { publicId: statementId }, { populate: ["file"] });
    const stored = await db.em().findOneOrFail(StoredFile, statement.file!.id, { populate: ["data"] });
    return { statement, stored, data: Buffer.from(stored.data.$) };
  };
  const line = (description: string, amount: number) => ({ type: "one_off" as const, description, amount });

  /**
   * The story, in Paris time: January before the statement's period, February inside it,
   * March after it. Amounts are cents.
   */
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createBrandedShop(db, { timezone: PARIS });
    globex = await createCustomer(db, shop, {
      name: "Globex SARL",
      email: "billing@globex.test",
      locale: "fr-FR",
      address: { line1: "5 avenue Foch", postalCode: "75016", city: "Paris", country: "FR" },
    });
    const user = db.em().create(CustomerUser, {
      merchant: shop.merchantId,
      customer: globex.id,
      email: "anna@globex.test",
      role: "admin",
    });
    await db.em().persist(user).flush();
    requesterId = user.id;
    await saveCard(db, clock, shop, globex, CARDS.visa);

    // January: A 100.00 (40.00 paid), B 50.00 paid then 10.00 refunded → owes 60.00.
    invoices.A = await at("2026-01-10T09:00:00Z", () =>
      issueInvoice(db, clock, globex, [line("Plan A", 10_000)]),
    );
    await at("2026-01-10T10:00:00Z", () => pay(db, clock, shop, invoices.A!, 4000));
    invoices.B = await at("2026-01-20T09:00:00Z", () =>
      issueInvoice(db, clock, globex, [line("Plan B", 5000)]),
    );
    const paidB = (await at("2026-01-20T10:00:00Z", () => pay(db, clock, shop, invoices.B!)))!;
    await at("2026-01-25T09:00:00Z", () => refund(db, clock, shop, paidB.publicId, 1000));
    // February.
    invoices.C = await at("2026-02-05T09:00:00Z", () =>
      issueInvoice(db, clock, globex, [line("Plan C", 20_000)], { taxRate: shop.vat }),
    ); // 240.00 with VAT
    await at("2026-02-06T09:00:00Z", () =>
      grantCredits(db.em(), clock, shop.actor, { customer: globex.publicId, amount: 2000 }),
    );
    invoices.F = await at("2026-02-07T09:00:00Z", () =>
      issueInvoice(db, clock, globex, [line("Add-on F", 2000)]),
    );
    expect(await at("2026-02-07T10:00:00Z", () => pay(db, clock, shop, invoices.F!))).toBeNull(); // the wallet paid it
    refs.payA = (await at("2026-02-10T09:00:00Z", () => pay(db, clock, shop, invoices.A!)))!.receiptNumber!;
    const paidC = (await at("2026-02-12T09:00:00Z", () => pay(db, clock, shop, invoices.C!, 10_000)))!;
    refs.payC = paidC.receiptNumber!;
    await at("2026-02-15T09:00:00Z", () => refund(db, clock, shop, paidC.publicId, 3000));
    invoices.D = await at("2026-02-20T09:00:00Z", () =>
      issueInvoice(db, clock, globex, [line("Mistake D", 8000)]),
    );
    await at("2026-02-21T09:00:00Z", () =>
      db.orm.em.fork().transactional(async (em) => {
        await voidInvoice(em, clock, await em.findOneOrFail(Invoice, invoices.D!.id), SYSTEM_ACTOR);
      }),
    );
    // 23:30 in Paris on the 28th is inside February; 00:30 on March 1st (still Feb 28 in UTC) is not.
    refs.lastFeb = (await at("2026-02-28T22:30:00Z", () =>
      pay(db, clock, shop, invoices.C!, 5000),
    ))!.receiptNumber!;
    refs.firstMar = (await at("2026-02-28T23:30:00Z", () =>
      pay(db, clock, shop, invoices.C!, 2000),
    ))!.receiptNumber!;
    invoices.E = await at("2026-03-05T09:00:00Z", () =>
      issueInvoice(db, clock, globex, [line("Plan E", 3000)]),
    );
    for (const [key, invoice] of Object.entries(invoices)) refs[key] = invoice.number!;
    clock.set("2026-03-06T08:00:00Z");
  });
  afterAll(async () => {
    await mailer.close();
    await db?.close();
  });

  const rows = (ledger: StatementLedger) =>
    ledger.entries.map((e) => [e.kind, e.reference, e.amount, e.balance]);

  it("opens with what was owed, lists February in order with running balances, and closes on the identity", async () => {
    const ledger = await ledgerOf(february());
    expect(ledger.openingBalance).toBe(6000);
    expect(rows(ledger)).toEqual([
      ["invoice", refs.C, 24_000, 30_000],
      ["invoice", refs.F, 2000, 32_000],
      ["wallet_credit", refs.F, -2000, 30_000],
      ["payment", refs.payA, -6000, 24_000],
      ["payment", refs.payC, -10_000, 14_000],
      ["credit_note", expect.stringMatching(/^ACME-CN-\d{4}$/), -3000, 11_000],
      ["refund", refs.payC, 3000, 14_000],
      ["invoice", refs.D, 8000, 22_000],
      ["invoice_void", refs.D, -8000, 14_000],
      ["payment", refs.lastFeb, -5000, 9000],
    ]);
    expect(
      ledger.entries
        .filter((e) => e.kind !== "invoice" && e.kind !== "invoice_void")
        .map((e) => e.invoiceNumber),
    ).toEqual([refs.F, refs.A, refs.C, refs.C, refs.C, refs.C]);
    expect(ledger.closingBalance).toBe(9000);
    expect(ledger.summary).toEqual({
      invoiced: 26_000,
      paid: 21_000,
      credited: 5000,
      refunded: 3000,
      invoiceCount: 3,
      paymentCount: 3,
    });
    const { openingBalance, closingBalance, summary } = ledger;
    expect(closingBalance).toBe(
      openingBalance + summary.invoiced - summary.paid - summary.credited + summary.refunded,
    );
  });

  it("chains periods (one's closing is the next one's opening) and ends at what the invoices still ask for", async () => {
    const january = await ledgerOf(
      statementPeriod({ start: "2026-01-01", end: "2026-01-31" }, PARIS, clock.now()),
    );
    const feb = await ledgerOf(february());
    const march = await ledgerOf(
      statementPeriod({ start: "2026-03-01", end: "2026-03-06" }, PARIS, clock.now()),
    );
    expect(january.openingBalance).toBe(0);
    expect(january.closingBalance).toBe(6000);
    expect(feb.openingBalance).toBe(january.closingBalance);
    expect(march.openingBalance).toBe(feb.closingBalance);
    expect(rows(march)).toEqual([
      ["payment", refs.firstMar, -2000, 7000],
      ["invoice", refs.E, 3000, 10_000],
    ]);
    // Independent of the ledger: amounts remaining on open invoices, plus the account balance.
    const open = await db
      .em()
      .find(Invoice, { customer: globex.id, status: { $in: ["open", "uncollectible"] } });
    const customer = await db.em().findOneOrFail(Customer, globex.id);
    expect(march.closingBalance).toBe(open.reduce((sum, i) => sum + i.amountRemaining, 0) + customer.balance);
    expect(march.closingBalance).toBe(10_000);
  });

  it("generates a CSV through the job queue that parses back to the ledger, and e-mails the requester", async () => {
    const requested = await requestStatement(db.em(), clock, portal(), {
      periodStart: FEBRUARY.start,
      periodEnd: FEBRUARY.end,
      format: "csv",
      requestedBy: requesterId,
      actor: { type: "customer_user" },
    });
    expect(requested).toMatchObject({
      status: "queued",
      format: "csv",
      currency: "EUR",
      locale: "fr-FR",
      customer: globex.publicId,
      periodStart: "2026-01-31T23:00:00.000Z",
      periodEnd: "2026-02-28T23:00:00.000Z",
      file: null,
    });
    expect(requested).not.toHaveProperty("error");
    expect(
      await db.em().count(Job, { name: "statement.generate", payload: { statementId: requested.id } }),
    ).toBe(1);
    const requester = await db.em().findOneOrFail(CustomerUser, requesterId);
    expect(
      await db.em().findOneOrFail(AuditEvent, { action: "Statement.Requested", targetId: requested.id }),
    ).toMatchObject({
      actorType: "customer_user",
      actorId: requester.publicId,
      data: { format: "csv", requestedBy: requester.publicId },
    });
    expect(requested.requestedBy).toBe(requester.publicId);

    await drain();
    const { statement, stored, data } = await file(requested.id);
    expect(statement).toMatchObject({
      status: "ready",
      openingBalance: 6000,
      closingBalance: 9000,
      error: null,
    });
    expect(statement.summary).toMatchObject({
      invoiced: 26_000,
      paid: 21_000,
      credited: 5000,
      refunded: 3000,
    });
    expect(stored).toMatchObject({
      purpose: "statement",
      contentType: "text/csv; charset=utf-8",
      filename: "statement-2026-02-01_2026-02-28.csv",
      customer: { id: globex.id },
    });

    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    expect(data.toString("utf8")).toContain("\r\n");
    const table = parse(data, { bom: true }) as string[][];
    const ledger = await ledgerOf(february());
    const fr = documentFormat(documentLocale("fr-FR"), "EUR", PARIS);
    expect(table[0]).toEqual(["Date", "Type", "Référence", "Description", "Montant", "Solde", "Devise"]);
    expect(table[1]).toEqual(["2026-02-01", "Solde d'ouverture", "", "", "", "60.00", "EUR"]);
    expect(table.slice(2, -1)).toEqual(
      ledger.entries.map((e) => [
        e.at.toLocaleDateString("sv-SE", { timeZone: PARIS }),
        expect.any(String),
        e.reference,
        e.kind === "invoice" || e.kind === "invoice_void" ? "" : `Facture ${e.invoiceNumber}`,
        (e.amount / 100).toFixed(2),
        (e.balance / 100).toFixed(2),
        "EUR",
      ]),
    );
    expect(table.slice(2, -1).map((r) => r[1])).toEqual([
      "Facture",
      "Facture",
      "Crédit prépayé",
      "Paiement",
      "Paiement",
      "Avoir",
      "Remboursement",
      "Facture",
      "Facture annulée",
      "Paiement",
    ]);
    // 23:30 on Feb 28 in Paris is dated the 28th (UTC says 22:30, the same day).
    expect(table.at(-2)?.[0]).toBe("2026-02-28");
    expect(table.at(-1)).toEqual(["2026-02-28", "Solde de clôture", "", "", "", "90.00", "EUR"]);
    expect(fr.money(9000)).toContain("90,00");

    const mail = await db
      .em()
      .findOneOrFail(EmailMessage, { template: "statement_ready", to: "anna@globex.test" });
    expect(mail.subject).toBe(`Your ${shop.businessName} account statement is ready`);
    expect(mail.text).toContain("for Feb 1, 2026 – Feb 28, 2026 (CSV) is ready");
    expect(mail.text).toContain("https://billing.acme.test/portal/statements");

    // Running the job again changes nothing: still one file, one e-mail.
    await generateStatement(db.em(), clock, { mailer, publicUrl: "https://billing.acme.test" }, requested.id);
    expect(await db.em().count(StoredFile, { purpose: "statement", customer: globex.id })).toBe(1);
    expect(await db.em().count(EmailMessage, { template: "statement_ready" })).toBe(1);
    expect((await file(requested.id)).stored.id).toBe(stored.id);
  });

  it("generates an XLSX whose amounts are numbers in a currency format and whose dates are dates", async () => {
    const requested = await requestStatement(db.em(), clock, portal(), {
      periodStart: FEBRUARY.start,
      periodEnd: FEBRUARY.end,
      format: "xlsx",
      locale: "en-GB",
      actor: SYSTEM_ACTOR,
    });
    await drain();
    const { stored, data } = await file(requested.id);
    expect(stored.filename).toBe("statement-2026-02-01_2026-02-28.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Account statement");
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    const header = [...Array(sheet.rowCount).keys()].map((i) => i + 1).find((r) => values(r)[0] === "Date")!;
    expect(values(header)).toEqual(["Date", "Type", "Reference", "Description", "Amount", "Balance"]);
    const opening = sheet.getRow(header + 1);
    expect(opening.getCell(2).value).toBe("Opening balance");
    expect(opening.getCell(6).value).toBe(60);
    const ledger = await ledgerOf(february());
    ledger.entries.forEach((entry, index) => {
      const row = sheet.getRow(header + 2 + index);
      expect(row.getCell(1).value).toBeInstanceOf(Date);
      expect(row.getCell(1).numFmt).toBe("yyyy-mm-dd");
      expect(row.getCell(3).value).toBe(entry.reference);
      expect(row.getCell(5).value).toBe(entry.amount / 100);
      expect(row.getCell(6).value).toBe(entry.balance / 100);
      expect(row.getCell(5).numFmt).toBe('#,##0.00 "EUR"');
    });
    const closing = sheet.getRow(header + 2 + ledger.entries.length);
    expect(closing.getCell(2).value).toBe("Closing balance");
    expect(closing.getCell(6).value).toBe(90);
    expect((closing.getCell(1).value as Date).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    const summary = [...Array(header).keys()].map((i) => values(i + 1));
    expect(summary).toContainEqual(["Invoiced", 260]);
    expect(summary).toContainEqual(["Paid", -210]);
  });

  it("generates a PDF with the balances and every entry", async () => {
    const requested = await requestStatement(db.em(), clock, portal(), {
      periodStart: FEBRUARY.start,
      periodEnd: FEBRUARY.end,
      format: "pdf",
      actor: SYSTEM_ACTOR,
    });
    await drain();
    const { data } = await file(requested.id);
    const text = await pdfText(data);
    const fr = documentFormat(documentLocale("fr-FR"), "EUR", PARIS);
    for (const piece of [
      shop.businessName,
      "Relevé de compte",
      "Globex SARL",
      `Solde d'ouverture ${fr.money(6000)}`,
      `Facturé ${fr.money(26_000)}`,
      `Payé ${fr.money(-21_000)}`,
      `Crédité ${fr.money(-5000)}`,
      `Remboursé ${fr.money(3000)}`,
      `Solde de clôture ${fr.money(9000)}`,
      refs.C!,
      refs.payA!,
      refs.lastFeb!,
      "Facture annulée",
      "Page 1 sur",
      "Un solde positif est dû à",
    ]) {
      expect(text.all).toContain(normalize(piece));
    }
    expect(text.all).not.toContain(refs.firstMar!);
    expect(text.all).not.toContain(refs.E!);
  });

  it("marks a failed generation failed with the error, lets the queue retry, and recovers", async () => {
    const requested = await requestStatement(db.em(), clock, portal(), {
      periodStart: "2026-01-01",
      periodEnd: "2026-01-31",
      format: "pdf",
      actor: SYSTEM_ACTOR,
    });
    // A broken row (the end before the start) makes generation throw.
    const row = await db.em().findOneOrFail(Statement, { publicId: requested.id });
    const goodEnd = row.periodEnd;
    await db.em().nativeUpdate(Statement, { id: row.id }, { periodEnd: row.periodStart });
    expect(await drain()).toMatchObject({ retried: 1 });
    const failed = await db.em().findOneOrFail(Statement, row.id);
    expect(failed).toMatchObject({ status: "failed", file: null });
    expect(failed.error).toContain("empty period");
    const job = await db
      .em()
      .findOneOrFail(Job, { name: "statement.generate", payload: { statementId: requested.id } });
    expect(job).toMatchObject({ status: "queued", attempts: 1 });

    await db.em().nativeUpdate(Statement, { id: row.id }, { periodEnd: goodEnd });
    clock.set(new Date(clock.now().getTime() + 1000).toISOString());
    expect(await drain()).toMatchObject({ completed: expect.any(Number) });
    expect(await db.em().findOneOrFail(Statement, row.id)).toMatchObject({
      status: "ready",
      error: null,
      openingBalance: 0,
      closingBalance: 6000,
    });
  });

  it("refuses bad periods and changes nothing", async () => {
    const before = await db.em().count(Statement, {});
    const reason = (periodStart: string | Date, periodEnd: string | Date) =>
      requestStatement(db.em(), clock, portal(), {
        periodStart,
        periodEnd,
        format: "csv",
        actor: SYSTEM_ACTOR,
      }).then(
        () => "ok",
        (e: unknown) => (e instanceof AppError ? `${e.code} ${e.reason}` : String(e)),
      );
    expect(await reason("2026-02-10", "2026-02-01")).toBe("BAD_REQUEST STATEMENT_PERIOD_INVALID");
    expect(await reason("2026-02-30", "2026-03-01")).toBe("BAD_REQUEST STATEMENT_PERIOD_INVALID");
    expect(await reason("2025-01-01", "2026-01-05")).toBe("BAD_REQUEST STATEMENT_PERIOD_TOO_LONG");
    expect(await reason("2026-03-01", "2026-03-07")).toBe("BAD_REQUEST STATEMENT_PERIOD_IN_FUTURE");
    expect(await reason(new Date("2026-03-01T00:00:00Z"), new Date("2026-03-06T22:59:00Z"))).toBe("ok"); // today, Paris
    expect(await reason(new Date("2026-03-01T00:00:00Z"), new Date("2026-03-06T23:01:00Z"))).toBe(
      "BAD_REQUEST STATEMENT_PERIOD_IN_FUTURE",
    ); // 00:01 tomorrow in Paris
    expect(await reason("2025-03-06", "2026-03-05")).toBe("ok"); // a whole year
    expect(await db.em().count(Statement, {})).toBe(before + 2);
  });

  it("answers a repeated request with the waiting statement, and caps how many may wait", async () => {
    const other = await createCustomer(db, shop, { name: "Initech", email: "ap@initech.test" });
    const scope = { merchantId: shop.merchantId, customerId: other.id };
    const ask = (day: string) =>
      requestStatement(db.em(), clock, scope, {
        periodStart: day,
        periodEnd: day,
        format: "csv",
        actor: SYSTEM_ACTOR,
      });
    const first = await ask("2026-03-01");
    expect((await ask("2026-03-01")).id).toBe(first.id);
    for (const day of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]) await ask(day);
    expect(await db.em().count(Statement, { customer: other.id })).toBe(MAX_PENDING_STATEMENTS);
    await expect(ask("2026-03-06")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      reason: "STATEMENT_REQUESTS_PENDING",
    });
    // A merchant names the customer; another merchant's customer is NOT_FOUND.
    await expect(
      requestStatement(
        db.em(),
        clock,
        { merchantId: shop.merchantId + 999 },
        {
          customer: other.publicId,
          periodStart: "2026-03-01",
          periodEnd: "2026-03-01",
          format: "csv",
          actor: SYSTEM_ACTOR,
        },
      ),
    ).rejects.toMatchObject({ reason: "CUSTOMER_NOT_FOUND" });
    await drain();
    expect(await db.em().count(Statement, { customer: other.id, status: "ready" })).toBe(
      MAX_PENDING_STATEMENTS,
    );
    expect(await db.em().count(EmailMessage, { template: "statement_ready", to: "ap@initech.test" })).toBe(
      MAX_PENDING_STATEMENTS,
    );
  });
});
