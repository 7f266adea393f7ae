import { Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../test/build-test-app.js";

const query = (path: string, input: unknown) =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

describe("tRPC over HTTP", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let merchantId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    await em.flush();
    merchantId = merchant.publicId;
    app = await buildTestApp(db.orm);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("GET /trpc/public.branding returns the merchant", async () => {
    const response = await app.inject(query("public.branding", {}));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      result: { data: { merchant: { id: merchantId, name: "Acme Cloud", slug: "acme" } } },
    });
  });

  it("maps core's NOT_FOUND AppError to HTTP 404 with its reason", async () => {
    const response = await app.inject(query("public.branding", { merchant: "nope" }));
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: { data: { code: "NOT_FOUND", httpStatus: 404, reason: "MERCHANT_NOT_FOUND" } },
    });
  });

  it("refuses invalid input with HTTP 400 and reason INVALID_INPUT", async () => {
    const response = await app.inject(query("public.branding", { merchant: "Not A Slug" }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        data: { code: "BAD_REQUEST", reason: "INVALID_INPUT", details: { issues: [{ path: "merchant" }] } },
      },
    });
  });

  it("answers a batch of procedures in one request", async () => {
    const response = await app.inject(
      `/trpc/public.branding,system.health?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: {} }))}`,
    );
    expect(response.statusCode).toBe(200);
    const [branding, health] = response.json() as [{ result: unknown }, { result: unknown }];
    expect(branding.result).toMatchObject({ data: { merchant: { slug: "acme" } } });
    expect(health.result).toMatchObject({ data: { ok: true } });
  });
});
