import { createPorticoClient, TRPCClientError, type RouterOutputs } from "@portico/client";
import { PORTICO_VERSION } from "@portico/core";
import { Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { buildTestApp } from "./test/build-test-app.js";

describe("@portico/client against the running server", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    await em.flush();
    app = await buildTestApp(db.orm);
    await app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("calls public.branding and system.health with typed results", async () => {
    const client = createPorticoClient({ baseUrl, apiKey: "sk_test_unused" });
    const [branding, health] = await Promise.all([
      client.public.branding.query({}),
      client.system.health.query(),
    ]);
    expectTypeOf(branding).toEqualTypeOf<RouterOutputs["public"]["branding"]>();
    expectTypeOf(branding.merchant.name).toEqualTypeOf<string>();
    expectTypeOf(health).toEqualTypeOf<{ ok: true; version: string }>();
    expect(branding.merchant).toMatchObject({ name: "Acme Cloud", slug: "acme" });
    expect(health).toEqual({ ok: true, version: PORTICO_VERSION });
  });

  it("surfaces the error code and reason of a failed call", async () => {
    const client = createPorticoClient({ baseUrl });
    const error = await client.public.branding.query({ merchant: "nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: "NOT_FOUND",
      reason: "MERCHANT_NOT_FOUND",
    });
  });
});
