import type { EntityManager } from "@portico/db";

/** Which of the merchant's counters a number comes from, and how it is printed. */
const SERIES = {
  invoice: { column: "last_invoice_number", infix: "" },
  credit_note: { column: "last_credit_note_number", infix: "CN-" },
  receipt: { column: "last_receipt_number", infix: "RCPT-" },
} as const;

export type DocumentSeries = keyof typeof SERIES;

/**
 * The merchant's next number in a series (`ACME-0042`, `ACME-CN-0003`, `ACME-RCPT-0007`).
 * One UPDATE … RETURNING increments the counter and row-locks the merchant until the
 * caller's transaction ends: concurrent finalizations queue behind it, and a rollback
 * gives the number back, so the sequence has no gaps and no duplicates. Call it inside the
 * transaction that stores the numbered document, as late as possible.
 */
export async function nextDocumentNumber(
  em: EntityManager,
  merchantId: number,
  series: DocumentSeries,
): Promise<string> {
  const { column, infix } = SERIES[series];
  const rows = await em.execute<{ prefix: string; value: number }[]>(
    `update "merchant" set "${column}" = "${column}" + 1 where "id" = ?
     returning "invoice_number_prefix" as "prefix", "${column}" as "value"`,
    [merchantId],
  );
  const row = rows[0];
  if (!row) throw new Error(`merchant ${merchantId} not found`);
  return `${row.prefix}-${infix}${String(row.value).padStart(4, "0")}`;
}
