import { Statement, type IInvoice, type IPayment, type StatementSummary } from "../entities/index.js";
import { stamps, type SeedContext } from "./context.js";
import type { DemoCustomer } from "./customers.js";
import { addMinutes, isoDay, minDate, type Period } from "./dates.js";
import { storeFile } from "./files.js";
import type { InvoiceBook } from "./invoices.js";

/**
 * One ready statement (last calendar month, CSV) so the portal's statement list is not
 * empty. Balance = what the customer owed: finalized, non-void invoices (amount due) minus
 * successful invoice payments, up to each instant.
 */
export function createMonthlyStatement(ctx: SeedContext, book: InvoiceBook, customer: DemoCustomer): void {
  const end = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() - 1, 1));
  const period: Period = { start, end };
  const invoices = book
    .invoicesOf(customer)
    .filter((invoice) => invoice.status !== "void" && invoice.issuedAt);
  const payments = book
    .paymentsOf(customer)
    .filter((payment) => payment.status === "succeeded" && payment.invoice);

  const before = (date: Date) => date.getTime() < start.getTime();
  const within = (date: Date) => !before(date) && date.getTime() < end.getTime();
  const opening =
    sum(invoices.filter((i) => before(i.issuedAt!)).map((i) => i.amountDue)) -
    sum(payments.filter((p) => before(p.succeededAt!)).map((p) => p.amount));

  type Entry = { at: Date; type: string; reference: string; description: string; amount: number };
  const entries: Entry[] = [
    ...invoices
      .filter((i) => within(i.issuedAt!))
      .map((i: IInvoice) => ({
        at: i.issuedAt!,
        type: "Invoice",
        reference: i.number ?? "",
        description: i.billingReason === "subscription_update" ? "Plan change" : "Subscription renewal",
        amount: i.amountDue,
      })),
    ...payments
      .filter((p) => within(p.succeededAt!))
      .map((p: IPayment) => ({
        at: p.succeededAt!,
        type: "Payment",
        reference: p.receiptNumber ?? "",
        description: "Card payment",
        amount: -p.amount,
      })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  let balance = opening;
  const rows = [["Date", "Type", "Reference", "Description", "Amount", "Balance"]];
  rows.push([isoDay(start), "Opening balance", "", "", "", money(opening)]);
  for (const entry of entries) {
    balance += entry.amount;
    rows.push([
      isoDay(entry.at),
      entry.type,
      entry.reference,
      entry.description,
      money(entry.amount),
      money(balance),
    ]);
  }
  rows.push([isoDay(addMinutes(end, -1)), "Closing balance", "", "", "", money(balance)]);
  const csv = rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";

  const generatedAt = minDate(addMinutes(end, 6 * 60), addMinutes(ctx.now, -2));
  const file = storeFile(ctx, {
    merchant: ctx.merchant,
    customer: customer.entity,
    purpose: "statement",
    filename: `statement-${customer.key}-${isoDay(start).slice(0, 7)}.csv`,
    contentType: "text/csv; charset=utf-8",
    data: Buffer.from(csv, "utf8"),
    createdAt: generatedAt,
  });
  const summary: StatementSummary = {
    invoiced: sum(entries.filter((e) => e.type === "Invoice").map((e) => e.amount)),
    paid: -sum(entries.filter((e) => e.type === "Payment").map((e) => e.amount)),
    credited: 0,
    refunded: 0,
    invoiceCount: entries.filter((e) => e.type === "Invoice").length,
    paymentCount: entries.filter((e) => e.type === "Payment").length,
  };
  ctx.em.create(Statement, {
    merchant: ctx.merchant,
    customer: customer.entity,
    periodStart: period.start,
    periodEnd: period.end,
    format: "csv",
    status: "ready",
    currency: customer.entity.currency,
    openingBalance: opening,
    closingBalance: balance,
    summary,
    locale: customer.entity.locale ?? "en",
    file,
    requestedBy: customer.admin,
    readyAt: addMinutes(generatedAt, 1),
    ...stamps(generatedAt, addMinutes(generatedAt, 1)),
  });
}

function money(minor: number): string {
  return (minor / 100).toFixed(2);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
