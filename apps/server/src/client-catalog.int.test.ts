import { createApiKey } from "@portico/auth";
import { createPorticoClient, TRPCClientError, type RouterOutputs } from "@portico/client";
import { systemClock } from "@portico/core";
import { Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { buildTestApp } from "./test/build-test-app.js";

describe("@portico/client: customers and catalog against the running server", () => {
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
    app = await buildTestApp(db.orm);
    await app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("creates a customer, a product and a price, and reads them back typed", async () => {
    const client = createPorticoClient({ baseUrl, apiKey });
    const customer = await client.integration.customers.create.mutate({
      name: "Northwind Traders",
      externalId: "acct_42",
      email: "billing@northwind.test",
    });
    expectTypeOf(customer).toEqualTypeOf<RouterOutputs["integration"]["customers"]["create"]>();
    expect(customer).toMatchObject({ id: expect.stringMatching(/^cus_/), currency: "USD", balance: 0 });

    const product = await client.integration.products.create.mutate({ name: "Team", unitLabel: "seat" });
    const price = await client.integration.prices.create.mutate({
      product: product.id,
      currency: "usd",
      type: "per_seat",
      unitAmount: 12_00,
      interval: "month",
      lookupKey: "team_monthly",
    });
    expect(price).toMatchObject({
      product: product.id,
      currency: "USD",
      unitAmount: 12_00,
      lookupKey: "team_monthly",
    });

    const [byExternalId, byLookupKey, page] = await Promise.all([
      client.integration.customers.get.query({ customer: "acct_42" }),
      client.integration.prices.get.query({ lookupKey: "team_monthly" }),
      client.integration.customers.list.query({ limit: 10 }),
    ]);
    expect(byExternalId).toEqual(customer);
    expect(byLookupKey).toEqual(price);
    expect(page).toEqual({ data: [customer], hasMore: false, nextCursor: null });
  });

  it("surfaces a validation reason to the integrator", async () => {
    const client = createPorticoClient({ baseUrl, apiKey });
    const product = await client.integration.products.create.mutate({ name: "Usage" });
    const error = await client.integration.prices.create
      .mutate({ product: product.id, currency: "USD", type: "metered", unitAmount: 1, interval: "month" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      reason: "PRICE_METER_REQUIRED",
    });
  });
});
