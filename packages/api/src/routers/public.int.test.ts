import { AppError } from "@portico/core";
import { Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";

describe("public.branding", () => {
  let db: TestDatabase;
  let merchantId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    await em.flush();
    merchantId = merchant.publicId;
  });
  afterAll(() => db?.close());

  const caller = () => createCaller(createContextInner({ orm: db.orm }));

  it("returns the merchant and its branding", async () => {
    const branding = await caller().public.branding({});
    expect(branding.merchant).toEqual({ id: merchantId, name: "Acme Cloud", slug: "acme" });
    expect(branding.branding.primaryColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(await caller().public.branding({ merchant: "acme" })).toEqual(branding);
  });

  it("throws NOT_FOUND carrying the core reason for an unknown slug", async () => {
    const error = await caller()
      .public.branding({ merchant: "nope" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect((error as TRPCError).cause).toBeInstanceOf(AppError);
    expect((error as TRPCError).cause).toMatchObject({ reason: "MERCHANT_NOT_FOUND" });
  });

  it("formats the error shape with the reason and answers HTTP 404", async () => {
    const input = encodeURIComponent(JSON.stringify({ merchant: "nope" }));
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request(`http://portico.test/trpc/public.branding?input=${input}`),
      router: appRouter,
      createContext: () => createContextInner({ orm: db.orm }),
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { data: unknown } };
    expect(body.error.data).toMatchObject({
      code: "NOT_FOUND",
      httpStatus: 404,
      path: "public.branding",
      reason: "MERCHANT_NOT_FOUND",
      details: null,
    });
  });
});
