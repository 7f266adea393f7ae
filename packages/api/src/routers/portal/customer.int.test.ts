import { hashPassword, PORTAL_SESSION_COOKIE } from "@portico/auth";
import { fixedClock } from "@portico/core";
import { AuditEvent, AuthSession, Customer, CustomerUser, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies, type MemoryCookies } from "../../cookies.js";
import { customerProcedure } from "../../procedures/customer.js";
import { createCaller } from "../../root.js";
import { createCallerFactory, createContextInner, createTRPCRouter } from "../../trpc.js";
import { openBrowser } from "../../test/browser.js";
import { failure } from "../../test/failure.js";
import { PORTAL_ORIGIN, portalMerchant, type PortalMerchant } from "../../test/portal.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const clock = fixedClock(NOW);
const PASSWORD = "right-password-1";

describe("portal: link sessions, customer tokens and portal.customer.get", () => {
  let db: TestDatabase;
  let acme: PortalMerchant;
  let alpha: { id: number; publicId: string };
  let beta: { id: number; publicId: string };

  /** A browser on the portal's origin, keeping its cookies between calls. */
  const browser = (jar: MemoryCookies = memoryCookies(), at = clock) =>
    openBrowser(db, { clock: at, origin: PORTAL_ORIGIN, jar });
  /** A caller with an `Authorization` header and no cookies (a backend or an embed). */
  const bearer = (authorization: string, cookies: MemoryCookies = memoryCookies(), at = clock) =>
    createCaller(createContextInner({ orm: db.orm, clock: at, cookies, req: { authorization } }));
  const integration = () => acme.integration();
  const secretOf = (url: string) => url.split("/").pop()!;
  const link = async (customer: string, extra: { returnUrl?: string; locale?: string } = {}) =>
    secretOf((await integration().portalSessions.create({ customer, ...extra })).url);
  const token = async (customer: string, scopes: ("customer:read" | "invoices:read" | "customer:write")[]) =>
    (await integration().customerTokens.create({ customer, scopes, expiresIn: 600 })).token;

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const a = em.create(Customer, {
      merchant,
      name: "Alpha Ltd",
      email: "billing@alpha.test",
      address: { line1: "1 Main St", city: "Lyon", country: "FR" },
      locale: "fr-FR",
      currency: "EUR",
    });
    const b = em.create(Customer, { merchant, name: "Beta Inc", currency: "USD" });
    em.create(CustomerUser, {
      merchant,
      customer: a,
      email: "ann@alpha.test",
      role: "member",
      permissions: ["invoices:read"],
      passwordHash: await hashPassword(PASSWORD),
    });
    await em.flush();
    alpha = { id: a.id, publicId: a.publicId };
    beta = { id: b.id, publicId: b.publicId };
    acme = await portalMerchant(db, { clock, merchantId: merchant.id });
  });
  afterAll(() => db?.close());

  describe("auth.portal.redeemLink", () => {
    it("spends a link once for a portal session cookie that reads the link's customer", async () => {
      const secret = await link(alpha.publicId, { returnUrl: "https://acme.test/account", locale: "de-DE" });
      const { jar, call } = browser();
      expect(await call().auth.portal.redeemLink({ secret })).toEqual({
        returnUrl: "https://acme.test/account",
        flow: null,
        locale: "de-DE",
        customer: { id: alpha.publicId, name: "Alpha Ltd" },
      });
      expect(jar.jar.get(PORTAL_SESSION_COOKIE)?.attributes).toMatchObject({
        httpOnly: true,
        sameSite: "lax",
      });

      expect(await call().portal.customer.get()).toEqual({
        id: alpha.publicId,
        name: "Alpha Ltd",
        email: "billing@alpha.test",
        address: { line1: "1 Main St", city: "Lyon", country: "FR" },
        locale: "fr-FR",
        currency: "EUR",
      });
      expect(await call().auth.portal.session()).toMatchObject({
        customer: { id: alpha.publicId, name: "Alpha Ltd" },
        user: null,
        session: { mfaVerified: true },
        returnUrl: "https://acme.test/account",
        flow: null,
      });
      // No login user behind a link: "your sessions" is not for it.
      expect(await failure(call().auth.portal.sessions.list())).toBe("FORBIDDEN USER_SESSION_REQUIRED");

      // Second use: refused, and no cookie handed out.
      const again = browser();
      expect(await failure(again.call().auth.portal.redeemLink({ secret }))).toBe(
        "UNAUTHORIZED PORTAL_LINK_INVALID",
      );
      expect(again.jar.jar.size).toBe(0);

      const em = db.em();
      const session = await em.findOneOrFail(
        AuthSession,
        { customer: alpha.id, subjectType: "portal_link" },
        { populate: ["portalSession"] },
      );
      expect(session).toMatchObject({ customerUser: null, mfaVerified: true });
      expect(session.portalSession?.getEntity().returnUrl).toBe("https://acme.test/account");
      const redeemed = await em.count(AuditEvent, {
        action: "Portal.LinkRedeemed",
        targetId: session.portalSession!.getEntity().publicId,
      });
      expect(redeemed).toBe(1);
    });

    it("gives exactly one session to parallel redemptions of one link", async () => {
      const secret = await link(alpha.publicId);
      const browsers = Array.from({ length: 4 }, () => browser());
      const results = await Promise.allSettled(
        browsers.map(({ call }) => call().auth.portal.redeemLink({ secret })),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(browsers.filter(({ jar }) => jar.jar.size > 0)).toHaveLength(1);
    });

    it("falls back to the customer's locale when the link names none", async () => {
      const answer = await browser()
        .call()
        .auth.portal.redeemLink({ secret: await link(alpha.publicId) });
      expect(answer).toMatchObject({ returnUrl: null, flow: null, locale: "fr-FR" });
    });

    it("refuses an unknown secret and a revoked link, and revoking a link ends its session", async () => {
      expect(
        await failure(
          browser()
            .call()
            .auth.portal.redeemLink({ secret: "a".repeat(32) }),
        ),
      ).toBe("UNAUTHORIZED PORTAL_LINK_INVALID");
      const created = await integration().portalSessions.create({ customer: alpha.publicId });
      await integration().portalSessions.revoke({ id: created.id });
      expect(
        await failure(
          browser()
            .call()
            .auth.portal.redeemLink({ secret: secretOf(created.url) }),
        ),
      ).toBe("UNAUTHORIZED PORTAL_LINK_INVALID");

      const redeemedThenRevoked = await integration().portalSessions.create({ customer: alpha.publicId });
      const { call } = browser();
      await call().auth.portal.redeemLink({ secret: secretOf(redeemedThenRevoked.url) });
      expect((await call().portal.customer.get()).id).toBe(alpha.publicId);
      await integration().portalSessions.revoke({ id: redeemedThenRevoked.id });
      expect(await failure(call().portal.customer.get())).toBe("UNAUTHORIZED SESSION_REQUIRED");
    });

    it("refuses a redemption from a foreign origin", async () => {
      const secret = await link(alpha.publicId);
      const jar = memoryCookies();
      const evil = createCaller(
        createContextInner({
          orm: db.orm,
          clock,
          cookies: jar,
          allowedOrigins: [PORTAL_ORIGIN],
          req: { origin: "https://evil.test" },
        }),
      );
      expect(await failure(evil.auth.portal.redeemLink({ secret }))).toBe("FORBIDDEN ORIGIN_NOT_ALLOWED");
      expect(jar.jar.size).toBe(0);
      // The refused attempt did not spend it.
      await browser().call().auth.portal.redeemLink({ secret });
    });
  });

  describe("customer tokens on customerProcedure", () => {
    it("a link for A and a token for B each see only their own customer", async () => {
      const { call } = browser();
      await call().auth.portal.redeemLink({ secret: await link(alpha.publicId) });
      const forBeta = await token(beta.publicId, ["customer:read"]);
      expect((await call().portal.customer.get()).id).toBe(alpha.publicId);
      expect(await bearer(`Bearer ${forBeta}`).portal.customer.get()).toMatchObject({
        id: beta.publicId,
        name: "Beta Inc",
      });
      // The explicit token wins over an ambient cookie of another customer.
      const both = bearer(`Bearer ${forBeta}`, browser().jar);
      expect((await both.portal.customer.get()).id).toBe(beta.publicId);
      expect((await call().portal.customer.get()).id).toBe(alpha.publicId);
    });

    it("reaches a procedure only with its declared scope (write implies read)", async () => {
      const invoicesOnly = await token(alpha.publicId, ["invoices:read"]);
      expect(await failure(bearer(`Bearer ${invoicesOnly}`).portal.customer.get())).toBe(
        "FORBIDDEN SCOPE_MISSING",
      );
      const reader = await token(alpha.publicId, ["customer:read"]);
      expect((await bearer(`Bearer ${reader}`).portal.customer.get()).id).toBe(alpha.publicId);
      const writer = await token(alpha.publicId, ["customer:write"]);
      expect((await bearer(`Bearer ${writer}`).portal.customer.get()).id).toBe(alpha.publicId);
      expect(await bearer(`Bearer ${reader}`).auth.portal.session()).toMatchObject({
        customer: { id: alpha.publicId },
        user: null,
        session: null,
        returnUrl: null,
      });
    });

    it("refuses tokens on procedures that declare no scope", async () => {
      const all = await token(alpha.publicId, ["customer:write", "invoices:read"]);
      expect(await failure(bearer(`Bearer ${all}`).auth.portal.sessions.list())).toBe(
        "FORBIDDEN SCOPE_MISSING",
      );
      const probe = createCallerFactory(
        createTRPCRouter({ undeclared: customerProcedure.query(({ ctx }) => ctx.scope.customerId) }),
      );
      const ctx = createContextInner({ orm: db.orm, clock, req: { authorization: `Bearer ${all}` } });
      expect(await failure(probe(ctx).undeclared())).toBe("FORBIDDEN SCOPE_MISSING");
    });

    it("puts the token's scopes on ctx.scope, and none for cookie sessions", async () => {
      const probe = createCallerFactory(
        createTRPCRouter({
          scope: customerProcedure.meta({ scope: "invoices:read" }).query(({ ctx }) => ctx.scope),
        }),
      );
      const scoped = await token(beta.publicId, ["invoices:read"]);
      const viaToken = await probe(
        createContextInner({ orm: db.orm, clock, req: { authorization: `Bearer ${scoped}` } }),
      ).scope();
      expect(viaToken).toMatchObject({
        customerId: beta.id,
        customerUserId: null,
        customerUserPublicId: null,
        sessionId: null,
        tokenScopes: ["invoices:read"],
      });
      const { jar, call } = browser();
      await call().auth.portal.redeemLink({ secret: await link(alpha.publicId) });
      const viaLink = await probe(createContextInner({ orm: db.orm, clock, cookies: jar })).scope();
      expect(viaLink).toMatchObject({
        customerId: alpha.id,
        role: "admin",
        tokenScopes: null,
        customerUserId: null,
      });
      // A password login keeps its user's own role.
      const login = browser();
      await login.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
      const viaLogin = await probe(createContextInner({ orm: db.orm, clock, cookies: login.jar })).scope();
      expect(viaLogin).toMatchObject({
        customerId: alpha.id,
        role: "member",
        tokenScopes: null,
        memberGrants: ["customer:read", "invoices:read"],
      });
      expect(viaLogin.customerUserPublicId).toMatch(/^cu_/);
    });

    it("refuses revoked, expired and unknown tokens", async () => {
      const created = await integration().customerTokens.create({
        customer: alpha.publicId,
        scopes: ["customer:read"],
        expiresIn: 600,
      });
      const later = fixedClock(new Date(NOW.getTime() + 601_000));
      expect(
        await failure(bearer(`Bearer ${created.token}`, memoryCookies(), later).portal.customer.get()),
      ).toBe("UNAUTHORIZED INVALID_CUSTOMER_TOKEN");
      expect((await bearer(`Bearer ${created.token}`).portal.customer.get()).id).toBe(alpha.publicId);
      await integration().customerTokens.revoke({ id: created.id });
      expect(await failure(bearer(`Bearer ${created.token}`).portal.customer.get())).toBe(
        "UNAUTHORIZED INVALID_CUSTOMER_TOKEN",
      );
      expect(await failure(bearer(`Bearer cst_${"a".repeat(32)}`).portal.customer.get())).toBe(
        "UNAUTHORIZED INVALID_CUSTOMER_TOKEN",
      );
      // An API key is not a customer credential.
      expect(await failure(bearer(`Bearer ${acme.apiKey}`).portal.customer.get())).toBe(
        "UNAUTHORIZED SESSION_REQUIRED",
      );
    });

    it("answers NOT_FOUND once the session's customer is deleted; its tokens stop working", async () => {
      const em = db.em();
      const gone = em.create(Customer, {
        merchant: (await em.findOneOrFail(Customer, alpha.id)).merchant,
        name: "Gone",
        currency: "USD",
      });
      await em.flush();
      const { call } = browser();
      await call().auth.portal.redeemLink({ secret: await link(gone.publicId) });
      const reader = await token(gone.publicId, ["customer:read"]);
      gone.deletedAt = NOW;
      await em.flush();
      expect(await failure(call().portal.customer.get())).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
      expect(await failure(bearer(`Bearer ${reader}`).portal.customer.get())).toBe(
        "UNAUTHORIZED INVALID_CUSTOMER_TOKEN",
      );
    });
  });
});
