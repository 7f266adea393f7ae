/**
 * Times document generation and prints a markdown table (p50 / p95 per run):
 *
 *   npm run bench -w @portico/core            (after the usage-ingest bench)
 *   tsx src/scripts/bench-documents.ts [--runs 20]
 *
 * It creates a throw-away merchant (`bench-docs-<unix time>`) with one customer who has
 * 20 invoices of 20 lines each and, over the year before now, 365 daily invoices each
 * paid the same day (730 ledger entries: a busy account's year). It times the invoice
 * PDF (drawing alone, then getInvoicePdf uncached and cached) and a one-year statement
 * (the ledger query, then each format), and deletes everything it wrote. Same
 * DATABASE_URL / PORTICO_DATA_DIR as `npm run bench`. Results go to docs/benchmarks.md.
 */
import {
  Customer,
  Invoice,
  InvoiceLine,
  Merchant,
  Payment,
  openDatabase,
  type EntityManager,
} from "@portico/db";
import { parseArgs } from "node:util";
import { fixedClock } from "../clock.js";
import type { StatementDocument } from "../documents/statement-document.js";
import { getInvoicePdf } from "../documents/invoice-file.js";
import { loadInvoiceDocument } from "../documents/invoice-document.js";
import { renderInvoicePdf } from "../documents/invoice-pdf.js";
import { loadStatementDocument, renderStatementFile } from "../documents/statement-files.js";
import { computeStatementLedger } from "../documents/statement-ledger.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(values.runs);
const DAY_MS = 86_400_000;
const now = new Date();
const clock = fixedClock(now);
const db = await openDatabase();

async function createAccount(em: EntityManager) {
  const merchant = em.create(Merchant, {
    slug: `bench-docs-${Math.floor(now.getTime() / 1000)}`,
    name: "Bench Documents SAS",
    address: { line1: "1 rue du Banc", postalCode: "75001", city: "Paris", country: "FR" },
    taxId: "FR00123456789",
    timezone: "Europe/Paris",
  });
  const customer = em.create(Customer, {
    merchant,
    name: "Heavy User SA",
    email: "ap@heavy.test",
    currency: "EUR",
    locale: "fr-FR",
  });
  let number = 0;
  const invoice = (issuedAt: Date, lines: number, status: "open" | "paid") => {
    number += 1;
    const amount = 1000 * lines;
    const row = em.create(Invoice, {
      merchant,
      customer,
      number: `BENCH-${String(number).padStart(5, "0")}`,
      status,
      currency: "EUR",
      subtotal: amount,
      total: amount,
      amountDue: amount,
      amountPaid: status === "paid" ? amount : 0,
      amountRemaining: status === "paid" ? 0 : amount,
      issuedAt,
      dueAt: issuedAt,
      paidAt: status === "paid" ? issuedAt : null,
      customerName: "Heavy User SA",
      createdAt: issuedAt,
      updatedAt: issuedAt,
    });
    for (let l = 0; l < lines; l++) {
      em.create(InvoiceLine, {
        merchant,
        invoice: row,
        type: "one_off",
        description: `Service line ${l + 1}: consulting, support and hosting`,
        quantity: 2,
        unitAmount: 500,
        amount: 1000,
      });
    }
    if (status === "paid") {
      em.create(Payment, {
        merchant,
        customer,
        invoice: row,
        amount,
        currency: "EUR",
        status: "succeeded",
        idempotencyKey: `bench-${number}`,
        requestHash: "0".repeat(64),
        gateway: "sandbox",
        receiptNumber: `BENCH-R-${String(number).padStart(5, "0")}`,
        succeededAt: new Date(issuedAt.getTime() + 3_600_000),
        createdAt: issuedAt,
        updatedAt: issuedAt,
      });
    }
    return row;
  };
  const pdfInvoices = Array.from({ length: 20 }, (_, i) =>
    invoice(new Date(now.getTime() - (i + 1) * 60_000), 20, "open"),
  );
  for (let d = 365; d >= 1; d--) invoice(new Date(now.getTime() - d * DAY_MS), 1, "paid");
  await em.flush();
  return { merchant, customer, pdfInvoices };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

interface Row {
  name: string;
  ms: number[];
  bytes?: number;
}

async function time(name: string, runs: number, step: (run: number) => Promise<number | void>): Promise<Row> {
  const row: Row = { name, ms: [] };
  await step(-1); // warm-up: module loading and font parsing are not what is measured
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    const bytes = await step(run);
    row.ms.push(performance.now() - t);
    if (typeof bytes === "number") row.bytes = bytes;
  }
  return row;
}

const em = db.orm.em.fork();
const account = await createAccount(em);
try {
  const period = { start: new Date(now.getTime() - 366 * DAY_MS), end: now };
  const invoiceDocument = await loadInvoiceDocument(em, account.pdfInvoices[0]!, now);
  const rows: Row[] = [
    await time(
      "invoice PDF, 20 lines: drawing only",
      RUNS,
      async () => (await renderInvoicePdf(invoiceDocument)).length,
    ),
    await time(
      "invoice PDF, 20 lines: getInvoicePdf, not cached (read, draw, store)",
      account.pdfInvoices.length - 1,
      async (run) => {
        const file = await getInvoicePdf(
          db.orm.em.fork(),
          clock,
          { merchantId: account.merchant.id },
          account.pdfInvoices[run + 1]!.publicId,
        );
        return file.byteSize;
      },
    ),
    await time("invoice PDF, 20 lines: getInvoicePdf, cached (read, fingerprint)", RUNS, async (run) => {
      const invoice = account.pdfInvoices[Math.max(0, run) % account.pdfInvoices.length]!;
      await getInvoicePdf(db.orm.em.fork(), clock, { merchantId: account.merchant.id }, invoice.publicId);
    }),
    await time("statement, 1 year (730 entries): ledger query", RUNS, async () => {
      await computeStatementLedger(db.orm.em.fork(), {
        customerId: account.customer.id,
        currency: "EUR",
        periodStart: period.start,
        periodEnd: period.end,
      });
    }),
  ];
  const statement = {
    publicId: "stmt_bench",
    merchant: { id: account.merchant.id },
    customer: { id: account.customer.id },
    periodStart: period.start,
    periodEnd: period.end,
    currency: "EUR",
    locale: "fr-FR",
  } as unknown as Parameters<typeof loadStatementDocument>[1];
  const document: StatementDocument = await loadStatementDocument(em, statement, now);
  for (const format of ["pdf", "csv", "xlsx"] as const) {
    rows.push(
      await time(
        `statement, 1 year (730 entries): ${format.toUpperCase()} file`,
        RUNS,
        async () => (await renderStatementFile(document, format)).data.length,
      ),
    );
  }
  const [version] = await em.execute<{ v: string }[]>(`select version() as v`);
  console.log(`## Documents — ${db.kind === "server" ? "PostgreSQL server" : "embedded PGlite"}`);
  console.log("");
  console.log(`- ${version?.v.split(" on ")[0]}; merchant \`${account.merchant.slug}\` (deleted afterwards)`);
  console.log(
    `- ${RUNS} timed runs per case after one warm-up (19 for the uncached invoice case: one per invoice)`,
  );
  console.log("");
  console.log("| case | runs | p50 ms | p95 ms | file size |");
  console.log("|---|---:|---:|---:|---:|");
  for (const row of rows) {
    const sorted = [...row.ms].sort((a, b) => a - b);
    const size = row.bytes === undefined ? "" : `${(row.bytes / 1024).toFixed(1)} KiB`;
    console.log(
      `| ${row.name} | ${row.ms.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${size} |`,
    );
  }
} finally {
  await em.execute(`update "invoice" set "pdf_file_id" = null where "merchant_id" = ?`, [
    account.merchant.id,
  ]);
  for (const table of ["stored_file", "payment", "invoice_line", "invoice", "customer"]) {
    await em.execute(`delete from "${table}" where merchant_id = ?`, [account.merchant.id]);
  }
  await em.execute(`delete from "merchant" where "id" = ?`, [account.merchant.id]);
  await db.close();
}
