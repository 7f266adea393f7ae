import { createApiKey, redeemPortalLink, revokeApiKey } from "@portico/auth";
import { fixedClock } from "@portico/core";
import {
  CUSTOMER_TOKEN_SCOPES,
  Customer,
  Invoice,
  Merchant,
  PORTAL_FLOW_TYPES,
  PortalSession,
  Subscription,
  seedDemo,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { CUSTOMER_TOKEN_SCOPE_VALUES, PORTAL_FLOW_TYPE_VALUES } from "@portico/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setPublicUrl } from "../../procedures/integration.js";
import { createCaller } from "../../root.js";
import { createContextInner } from "../../trpc.js";
import { failure } from "../../test/failure.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const clock = fixedClock(NOW);

describe("integration router", () => {
  let db: TestDatabase;
  let keyA: string;
  let keyB: string;
  let acme: {
    merchantId: number;
    northwind: string;
    globex: string;
    subscription: string;
    foreignInvoice: string;
  };
  let betaCustomer: string;

  const caller = (authorization: string | null) =>
    createCaller(createContextInner({ orm: db.orm, clock, req: { authorization, ip: "203.0.113.9" } }));
  const asA = () => caller(`Bearer ${keyA}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm, { now: NOW });
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, { slug: "acme" });
    const northwind = await em.findOneOrFail(Customer, { merchant, externalId: "acct_northwind" });
    const globex = await em.findOneOrFail(Customer, { merchant, externalId: "acct_globex" });
    const subscription = await em.findOneOrFail(
      Subscription,
      { customer: northwind },
      { orderBy: { id: "asc" } },
    );
    const foreignInvoice = await em.findOneOrFail(Invoice, { customer: globex }, { orderBy: { id: "asc" } });
    acme = {
      merchantId: merchant.id,
      northwind: northwind.publicId,
      globex: globex.publicId,
      subscription: subscription.publicId,
      foreignInvoice: foreignInvoice.publicId,
    };
    const beta = em.create(Merchant, { slug: "beta", name: "Beta" });
    const customer = em.create(Customer, {
      merchant: beta,
      externalId: "acct_northwind",
      name: "B",
      currency: "USD",
    });
    await em.flush();
    betaCustomer = customer.publicId;
    keyA = (await createApiKey(db.em(), clock, { merchantId: merchant.id, name: "A", mode: "test" })).key;
    keyB = (await createApiKey(db.em(), clock, { merchantId: beta.id, name: "B", mode: "test" })).key;
    setPublicUrl("https://billing.example.com/");
  });
  afterAll(() => db?.close());

  it("requires a valid API key", async () => {
    const input = { customer: "acct_northwind" };
    expect(await failure(caller(null).integration.portalSessions.create(input))).toBe(
      "UNAUTHORIZED API_KEY_REQUIRED",
    );
    expect(await failure(caller("Basic abc").integration.portalSessions.create(input))).toBe(
      "UNAUTHORIZED API_KEY_REQUIRED",
    );
    expect(
      await failure(caller(`Bearer sk_test_${"z".repeat(32)}`).integration.portalSessions.create(input)),
    ).toBe("UNAUTHORIZED INVALID_API_KEY");
    expect(
      await failure(
        caller("Bearer cst_abc").integration.customerTokens.create({ ...input, scopes: ["invoices:read"] }),
      ),
    ).toBe("UNAUTHORIZED INVALID_API_KEY");
  });

  it("refuses a revoked key", async () => {
    const { key, apiKey } = await createApiKey(db.em(), clock, {
      merchantId: acme.merchantId,
      name: "R",
      mode: "test",
    });
    await caller(`Bearer ${key}`).integration.portalSessions.create({ customer: acme.northwind });
    await revokeApiKey(db.em(), clock, { merchantId: acme.merchantId, id: apiKey.id });
    expect(
      await failure(caller(`Bearer ${key}`).integration.portalSessions.create({ customer: acme.northwind })),
    ).toBe("UNAUTHORIZED INVALID_API_KEY");
  });

  it("creates a portal link on the public URL, remembering returnUrl, flow and locale", async () => {
    const created = await asA().integration.portalSessions.create({
      customer: acme.northwind,
      returnUrl: "https://acme.test/account",
      flow: { type: "subscription_cancel", subscription: acme.subscription },
      locale: "fr-CA",
      expiresIn: 900,
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^ps_/),
      url: expect.stringMatching(/^https:\/\/billing\.example\.com\/portal\/s\/[a-z2-7]{32}$/),
      expiresAt: new Date(NOW.getTime() + 900_000).toISOString(),
    });
    const stored = await db
      .em()
      .findOneOrFail(PortalSession, { publicId: created.id }, { populate: ["createdByApiKey"] });
    expect(stored).toMatchObject({ returnUrl: "https://acme.test/account", locale: "fr-CA" });
    expect(stored.flow).toEqual({ type: "subscription_cancel", subscription: acme.subscription });
    const redeemed = await redeemPortalLink(db.em(), clock, created.url.split("/").pop()!);
    expect(redeemed.customer.publicId).toBe(acme.northwind);
  });

  it("takes the merchant's external id and stays within the key's merchant", async () => {
    const viaExternal = await asA().integration.portalSessions.create({ customer: "acct_northwind" });
    const stored = await db
      .em()
      .findOneOrFail(PortalSession, { publicId: viaExternal.id }, { populate: ["customer"] });
    expect(stored.customer.getEntity().publicId).toBe(acme.northwind);
    // Merchant A's key cannot reach merchant B's customer, by either id.
    expect(await failure(asA().integration.portalSessions.create({ customer: betaCustomer }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    // B's key with the same external id gets B's own customer.
    const forB = await caller(`Bearer ${keyB}`).integration.portalSessions.create({
      customer: "acct_northwind",
    });
    const storedB = await db
      .em()
      .findOneOrFail(PortalSession, { publicId: forB.id }, { populate: ["customer"] });
    expect(storedB.customer.getEntity().publicId).toBe(betaCustomer);
    expect(
      await failure(caller(`Bearer ${keyB}`).integration.portalSessions.revoke({ id: viaExternal.id })),
    ).toBe("NOT_FOUND PORTAL_LINK_NOT_FOUND");
  });

  it("validates flows against the customer's own subscriptions and invoices", async () => {
    expect(
      await failure(
        asA().integration.portalSessions.create({
          customer: acme.northwind,
          flow: { type: "invoice_pay", invoice: acme.foreignInvoice },
        }),
      ),
    ).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect(
      await failure(
        asA().integration.portalSessions.create({
          customer: acme.globex,
          flow: { type: "subscription_update", subscription: acme.subscription },
        }),
      ),
    ).toBe("NOT_FOUND SUBSCRIPTION_NOT_FOUND");
    await asA().integration.portalSessions.create({
      customer: acme.globex,
      flow: { type: "invoice_pay", invoice: acme.foreignInvoice },
    });
  });

  it("answers BAD_REQUEST outside a 5 minute to 24 hour lifetime, and for a non-http returnUrl", async () => {
    for (const expiresIn of [299, 86_401]) {
      expect(
        await failure(asA().integration.portalSessions.create({ customer: acme.northwind, expiresIn })),
      ).toBe("BAD_REQUEST INVALID_INPUT");
    }
    expect(
      await failure(
        asA().integration.portalSessions.create({
          customer: acme.northwind,
          returnUrl: "javascript:alert(1)",
        }),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");
  });

  it("creates and revokes customer tokens for the key's merchant only", async () => {
    const created = await asA().integration.customerTokens.create({
      customer: "acct_northwind",
      scopes: ["invoices:read"],
      expiresIn: 600,
    });
    expect(created).toMatchObject({
      token: expect.stringMatching(/^cst_[a-z2-7]{32}$/),
      id: expect.stringMatching(/^cst_/),
      customer: acme.northwind,
      scopes: ["invoices:read"],
      expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
    });
    expect(
      await failure(
        asA().integration.customerTokens.create({ customer: betaCustomer, scopes: ["invoices:read"] }),
      ),
    ).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(
      await failure(
        asA().integration.customerTokens.create({
          customer: acme.northwind,
          scopes: ["invoices:write" as never],
        }),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    expect(
      await failure(caller(`Bearer ${keyB}`).integration.customerTokens.revoke({ id: created.id })),
    ).toBe("NOT_FOUND CUSTOMER_TOKEN_NOT_FOUND");
    expect(await asA().integration.customerTokens.revoke({ id: created.id })).toEqual({
      id: created.id,
      revokedAt: NOW.toISOString(),
    });
  });

  it("keeps the validators' enumerations equal to the database's", () => {
    expect([...PORTAL_FLOW_TYPE_VALUES]).toEqual([...PORTAL_FLOW_TYPES]);
    expect([...CUSTOMER_TOKEN_SCOPE_VALUES]).toEqual([...CUSTOMER_TOKEN_SCOPES]);
  });
});
