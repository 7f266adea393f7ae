import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topUpWallet } from "../wallets/top-up.js";
import { payInvoice } from "./pay-invoice.js";
import { refundPayment } from "./refunds.js";
import { SANDBOX_PROCESSING_SECONDS } from "./sandbox-gateway.js";
import { settleProcessingPayments } from "./settle.js";
import { CARDS, createCustomer, createShop, manualClock, openInvoice, saveCard } from "./test/fixtures.js";

/** Every text and JSON column of every table, as `[table, column]`. */
async function textColumns(db: TestDatabase): Promise<[string, string][]> {
  const rows = await db.em().execute<{ table_name: string; column_name: string }[]>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`,
  );
  return rows.map((r) => [r.table_name, r.column_name]);
}

describe("card numbers", () => {
  let db: TestDatabase;
  const clock = manualClock("2026-05-01T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("are stored nowhere after tokenizing, paying, settling, topping up and refunding", async () => {
    const shop = await createShop(db);
    const numbers = Object.values(CARDS);
    for (const number of numbers) {
      const customer = await createCustomer(db, shop);
      await saveCard(db, clock, shop, customer, number);
      const invoice = await openInvoice(db, clock, customer, 1500);
      const { payment } = await payInvoice(db.em(), clock, {
        invoice: invoice.publicId,
        idempotencyKey: `pay-${invoice.publicId}`,
        actor: shop.actor,
      });
      if (payment?.status === "succeeded") {
        await refundPayment(db.em(), clock, shop.actor, {
          payment: payment.publicId,
          amount: 100,
          idempotencyKey: `refund-${payment.publicId}`,
        });
      }
      await topUpWallet(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        amount: 500,
        idempotencyKey: `top-up-${customer.publicId}`,
      });
    }
    clock.advance(SANDBOX_PROCESSING_SECONDS);
    await settleProcessingPayments(db.em(), clock);

    const columns = await textColumns(db);
    const tables = new Set(columns.map(([table]) => table));
    for (const table of [
      "payment_method",
      "payment",
      "gateway_event",
      "idempotency_record",
      "audit_event",
      "email_message",
    ]) {
      expect(tables).toContain(table);
    }
    const needles = numbers.flatMap((n) => [n, n.replace(/\D/g, ""), n.replace(/\D/g, "").slice(0, 12)]);
    const scan = async () => {
      const found: string[] = [];
      for (const [table, column] of columns) {
        const [row] = await db.em().execute<{ hits: number }[]>(
          `select count(*)::int as "hits" from "${table}" where ${needles.map(() => `"${column}"::text like ?`).join(" or ")}`,
          needles.map((needle) => `%${needle}%`),
        );
        if (row!.hits > 0) found.push(`${table}.${column}`);
      }
      return found;
    };
    expect(await scan()).toEqual([]);
    // The flow above did write rows: the scan looked at real data.
    const [counts] = await db.em().execute<{ methods: number; payments: number; events: number }[]>(
      `select (select count(*)::int from payment_method) as methods, (select count(*)::int from payment) as payments,
              (select count(*)::int from audit_event) as events`,
    );
    expect(counts).toMatchObject({ methods: numbers.length, payments: expect.any(Number) });
    expect(counts!.payments).toBeGreaterThanOrEqual(numbers.length * 2);
    expect(counts!.events).toBeGreaterThan(numbers.length * 3);
    // And the scan does see a number where one is: a control row.
    await db
      .em()
      .execute(
        `update "payment_method" set "metadata" = ?::jsonb where "id" = (select min("id") from "payment_method")`,
        [JSON.stringify({ note: CARDS.visa })],
      );
    expect(await scan()).toEqual(["payment_method.metadata"]);
  });
});
