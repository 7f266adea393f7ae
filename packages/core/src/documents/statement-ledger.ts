import type { EntityManager, StatementSummary } from "@portico/db";

/**
 * The account ledger behind a statement.
 *
 * The balance at an instant t is what the customer owes the merchant on invoices at t,
 * net of account credit (positive: owed; negative: credit in the customer's favour). It is
 * the sum of these entries dated before t, in the customer's currency:
 *
 *   invoice finalized (issuedAt)            + total
 *   invoice voided (voidedAt)               − everything the invoice's own entries added up
 *                                             to by then (it no longer asks for anything)
 *   payment of an invoice (succeededAt)     − amount charged
 *   refund of an invoice payment (succeededAt) + amount refunded
 *   credit note issued (issuedAt)           − amount (refund, balance credit or out of band)
 *   credit note voided (voidedAt)           + amount
 *   prepaid wallet credit applied to an
 *   invoice (the wallet entry's time)       − amount applied
 *
 * Invoices count at their total, not their amount due: credit taken from the customer
 * balance was already counted when it arose (a credit note, a negative-total invoice), so
 * counting it again when an invoice uses it would count it twice. Wallet top-ups are
 * prepaid money outside the ledger; wallet credit enters it when it pays an invoice.
 * Uncollectible invoices are still owed. Drafts are not.
 *
 * So, over a period [start, end): opening = balance(start), closing = balance(end), and
 *   closing = opening + invoiced − paid − credited + refunded
 * exactly, where invoiced nets out voids and credited nets out voided credit notes and
 * includes wallet credit applied. At any instant after the last entry, the balance equals
 * the amounts remaining on open and uncollectible invoices plus the customer's account
 * balance (see statement.int.test.ts).
 */

export const STATEMENT_ENTRY_KINDS = [
  "invoice",
  "invoice_void",
  "payment",
  "refund",
  "credit_note",
  "credit_note_void",
  "wallet_credit",
] as const;
export type StatementEntryKind = (typeof STATEMENT_ENTRY_KINDS)[number];

export interface StatementEntry {
  kind: StatementEntryKind;
  at: Date;
  /** Invoice, receipt or credit note number. */
  reference: string;
  /** The invoice the entry belongs to. */
  invoiceNumber: string | null;
  /** Signed change of the balance. */
  amount: number;
  /** The balance after this entry. */
  balance: number;
}

export interface StatementLedger {
  openingBalance: number;
  closingBalance: number;
  entries: StatementEntry[];
  summary: StatementSummary;
}

interface EntryRow {
  kind: StatementEntryKind;
  at: Date | string;
  reference: string | null;
  invoice_number: string | null;
  amount: string | number;
}

/**
 * Every entry of one customer in one currency, dated before `?end`: a CTE the opening sum
 * and the period's lines share. Parameters: customer, currency (four times each, in order),
 * then the bounds the caller adds.
 */
const ENTRIES = `
  with "entries" as (
    select 'invoice' as "kind", i."issued_at" as "at", i."id" as "sort_id", i."number" as "reference",
           i."id" as "invoice_id", i."total" as "amount"
      from "invoice" i
     where i."customer_id" = ? and i."currency" = ? and i."status" <> 'draft' and i."issued_at" is not null
    union all
    select 'payment', p."succeeded_at", p."id", coalesce(p."receipt_number", p."public_id"), p."invoice_id", -p."amount"
      from "payment" p
     where p."customer_id" = ? and p."currency" = ? and p."purpose" = 'invoice' and p."invoice_id" is not null
       and p."succeeded_at" is not null and p."status" in ('succeeded', 'partially_refunded', 'refunded')
    union all
    select 'refund', r."succeeded_at", r."id", coalesce(p."receipt_number", p."public_id"), p."invoice_id", r."amount"
      from "refund" r join "payment" p on p."id" = r."payment_id"
     where r."customer_id" = ? and r."currency" = ? and r."status" = 'succeeded' and r."succeeded_at" is not null
       and p."purpose" = 'invoice' and p."invoice_id" is not null
    union all
    select 'credit_note', c."issued_at", c."id", c."number", c."invoice_id", -c."amount"
      from "credit_note" c where c."customer_id" = ? and c."currency" = ?
    union all
    select 'credit_note_void', c."voided_at", c."id", c."number", c."invoice_id", c."amount"
      from "credit_note" c where c."customer_id" = ? and c."currency" = ? and c."voided_at" is not null
    union all
    select 'wallet_credit', w."created_at", w."id", i."number", i."id", w."amount"
      from "wallet_transaction" w join "invoice" i on i."id" = w."invoice_id"
     where w."customer_id" = ? and i."currency" = ? and w."type" = 'application'
  ),
  "ledger" as (
    select * from "entries"
    union all
    select 'invoice_void', i."voided_at", i."id", i."number", i."id",
           -(select coalesce(sum(e."amount"), 0) from "entries" e where e."invoice_id" = i."id" and e."at" <= i."voided_at")
      from "invoice" i
     where i."customer_id" = ? and i."currency" = ? and i."voided_at" is not null and i."issued_at" is not null
  )`;

/** Same-instant entries in the order things happen: an invoice before what pays or credits it. */
const KIND_ORDER = `case "kind" when 'invoice' then 0 when 'wallet_credit' then 1 when 'payment' then 2
  when 'credit_note' then 3 when 'refund' then 4 when 'credit_note_void' then 5 else 6 end`;

/** The ledger of `customerId` in `currency` over [periodStart, periodEnd). */
export async function computeStatementLedger(
  em: EntityManager,
  input: { customerId: number; currency: string; periodStart: Date; periodEnd: Date },
): Promise<StatementLedger> {
  const owner = Array.from({ length: 7 }, () => [input.customerId, input.currency]).flat();
  const [opening] = await em.execute<{ balance: string | number | null }[]>(
    `${ENTRIES} select coalesce(sum("amount"), 0) as "balance" from "ledger" where "at" < ?`,
    [...owner, input.periodStart],
  );
  const rows = await em.execute<EntryRow[]>(
    `${ENTRIES}, "named" as (
       select l.*, i."number" as "invoice_number" from "ledger" l left join "invoice" i on i."id" = l."invoice_id")
     select "kind", "at", "reference", "invoice_number", "amount" from "named"
      where "at" >= ? and "at" < ?
      order by "at", ${KIND_ORDER}, "sort_id"`,
    [...owner, input.periodStart, input.periodEnd],
  );
  const openingBalance = Number(opening?.balance ?? 0);
  let balance = openingBalance;
  const entries = rows.map((row): StatementEntry => {
    const amount = Number(row.amount);
    balance += amount;
    return {
      kind: row.kind,
      at: new Date(row.at),
      reference: row.reference ?? "",
      invoiceNumber: row.invoice_number,
      amount,
      balance,
    };
  });
  return { openingBalance, closingBalance: balance, entries, summary: summarize(entries) };
}

function summarize(entries: StatementEntry[]): StatementSummary {
  const total = (...kinds: StatementEntryKind[]) =>
    entries.filter((e) => kinds.includes(e.kind)).reduce((sum, e) => sum + e.amount, 0);
  return {
    invoiced: total("invoice", "invoice_void"),
    paid: -total("payment"),
    credited: -total("credit_note", "credit_note_void", "wallet_credit"),
    refunded: total("refund"),
    invoiceCount: entries.filter((e) => e.kind === "invoice").length,
    paymentCount: entries.filter((e) => e.kind === "payment").length,
  };
}
