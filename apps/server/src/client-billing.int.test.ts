import { createApiKey } from "@portico/auth";
import { createPorticoClient } from "@portico/client";
import { systemClock } from "@portico/core";
import { Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "./env.js";
import { buildTestApp } from "./test/build-test-app.js";

/** The README's "Driving Portico from your backend" example, run against a real server and its worker. */
describe("@portico/client: billing a customer from a merchant backend", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  let apiKey: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", defaultCurrency: "USD" });
    await em.flush();
    apiKey = (
      await createApiKey(db.em(), systemClock, { merchantId: merchant.id, name: "backend", mode: "test" })
    ).key;
    app = await buildTestApp(db.orm, { env: readServerEnv({ JOB_POLL_INTERVAL_MS: "100" }) });
    await app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("subscribes a customer, ingests usage, pays with the sandbox card and advances a test clock", async () => {
    // --- README example starts here
    const portico = createPorticoClient({ baseUrl, apiKey });

    const customer = await portico.integration.customers.create.mutate({
      name: "Northwind Traders",
      email: "billing@northwind.test",
    });
    await portico.integration.paymentMethods.add.mutate({
      customer: customer.id,
      card: { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" },
    });
    const product = await portico.integration.products.create.mutate({ name: "Team plan" });
    const price = await portico.integration.prices.create.mutate({
      product: product.id,
      currency: "usd",
      type: "flat",
      unitAmount: 49_00,
      interval: "month",
    });

    // Sandbox only: the customer's billing runs on a clock you move.
    const clock = await portico.integration.testClocks.create.mutate({
      name: "Northwind onboarding",
      frozenTime: "2026-01-15T00:00:00Z",
      customer: customer.id,
    });
    const subscription = await portico.integration.subscriptions.create.mutate({
      customer: customer.id,
      items: [{ price: price.id }],
      collectionMethod: "charge_automatically",
    });
    const paid = await portico.integration.invoices.pay.mutate({
      invoice: subscription.latestInvoice!,
      idempotencyKey: `first-invoice-${subscription.id}`,
    });

    const usage = await portico.integration.usage.ingest.mutate({
      events: [{ id: "evt_1", customer: customer.id, eventName: "api_request", value: 1 }],
    });

    await portico.integration.testClocks.advance.mutate({ id: clock.id, to: "2026-03-15T00:00:00Z" });
    let advanced = await portico.integration.testClocks.get.query({ id: clock.id });
    while (advanced.status === "advancing") {
      await sleep(200);
      advanced = await portico.integration.testClocks.get.query({ id: clock.id });
    }
    const invoices = await portico.integration.invoices.list.query({ customer: customer.id });
    // --- README example ends here

    expect(paid.invoice.status).toBe("paid");
    expect(usage).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(advanced).toMatchObject({ status: "ready", frozenTime: "2026-03-15T00:00:00.000Z" });
    // The first invoice and two renewals (Feb 15, Mar 15), each charged to the card.
    expect(invoices.data.map((invoice) => [invoice.total, invoice.status])).toEqual([
      [49_00, "paid"],
      [49_00, "paid"],
      [49_00, "paid"],
    ]);
  });
});
