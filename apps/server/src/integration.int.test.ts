import { createPorticoClient, TRPCClientError } from "@portico/client";
import { seedDemo } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "./env.js";
import { buildTestApp } from "./test/build-test-app.js";

const API_KEY = "sk_test_" + "a".repeat(32);

describe("integration API through @portico/client", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm, { apiKey: API_KEY });
    app = await buildTestApp(db.orm, { env: readServerEnv({ PUBLIC_URL: "https://billing.example.com" }) });
    await app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("creates a portal link and a customer token with the demo API key", async () => {
    const client = createPorticoClient({ baseUrl, apiKey: API_KEY });
    const link = await client.integration.portalSessions.create.mutate({
      customer: "acct_northwind",
      returnUrl: "https://acme.test/account",
    });
    expect(link.id).toMatch(/^ps_/);
    expect(link.url).toMatch(/^https:\/\/billing\.example\.com\/portal\/s\/[a-z2-7]{32}$/);
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(3_500_000);

    const token = await client.integration.customerTokens.create.mutate({
      customer: "acct_northwind",
      scopes: ["invoices:read", "subscriptions:read"],
      expiresIn: 600,
    });
    expect(token.token).toMatch(/^cst_[a-z2-7]{32}$/);
    expect(token.scopes).toEqual(["invoices:read", "subscriptions:read"]);
    expect(await client.integration.customerTokens.revoke.mutate({ id: token.id })).toMatchObject({
      id: token.id,
    });
  });

  it("answers UNAUTHORIZED to a wrong key and to none", async () => {
    for (const apiKey of ["sk_test_" + "b".repeat(32), undefined]) {
      const client = createPorticoClient({ baseUrl, apiKey });
      const error = await client.integration.portalSessions.create
        .mutate({ customer: "acct_northwind" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<never>).data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
    }
  });
});
