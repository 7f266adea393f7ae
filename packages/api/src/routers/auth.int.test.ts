import { hashPassword, PORTAL_SESSION_COOKIE, CONSOLE_SESSION_COOKIE } from "@portico/auth";
import { Customer, CustomerUser, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { type TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies, type MemoryCookies } from "../cookies.js";
import { customerProcedure } from "../procedures/customer.js";
import { merchantProcedure } from "../procedures/merchant.js";
import { createCaller } from "../root.js";
import { createCallerFactory, createContextInner, createTRPCRouter, type ContextOptions } from "../trpc.js";

const PASSWORD = "right-password-1";
const ORIGIN = "https://billing.acme.test";

describe("auth router", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const hash = await hashPassword(PASSWORD);
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const a = em.create(Customer, { merchant, name: "Alpha Ltd", currency: "USD" });
    const b = em.create(Customer, { merchant, name: "Beta Inc", currency: "USD" });
    em.create(CustomerUser, {
      merchant,
      customer: a,
      email: "ann@alpha.test",
      role: "admin",
      passwordHash: hash,
    });
    em.create(CustomerUser, {
      merchant,
      customer: b,
      email: "bob@beta.test",
      role: "member",
      passwordHash: hash,
    });
    em.create(MerchantUser, {
      merchant,
      email: "owner@acme.test",
      name: "Olga",
      role: "owner",
      passwordHash: hash,
    });
    em.create(MerchantUser, {
      merchant,
      email: "admin@acme.test",
      name: "Adam",
      role: "admin",
      passwordHash: hash,
    });
    await em.flush();
  });
  afterAll(() => db?.close());

  /** A browser: one cookie jar across calls, sending our own origin. */
  const browser = (jar: MemoryCookies = memoryCookies(), extra: Partial<ContextOptions> = {}) => {
    const options = (): ContextOptions => ({
      orm: db.orm,
      cookies: jar,
      allowedOrigins: [ORIGIN],
      req: { origin: ORIGIN, ip: "198.51.100.7", userAgent: "vitest" },
      ...extra,
    });
    return { jar, call: () => createCaller(createContextInner(options())) };
  };
  const error = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as TRPCError & { cause: { reason?: string } },
    );

  it("logs in to the portal, sets an HttpOnly SameSite=Lax cookie and answers who is signed in", async () => {
    const { jar, call } = browser();
    const login = await call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    expect(login).toMatchObject({
      customer: { name: "Alpha Ltd" },
      user: { email: "ann@alpha.test", role: "admin" },
    });
    expect(JSON.stringify(login)).not.toContain(jar.get(PORTAL_SESSION_COOKIE)!);
    expect(jar.jar.get(PORTAL_SESSION_COOKIE)?.attributes).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
    });
    const me = await call().auth.portal.session();
    expect(me).toMatchObject({ customer: { name: "Alpha Ltd" }, user: { email: "ann@alpha.test" } });
    await call().auth.portal.logout();
    expect(jar.get(PORTAL_SESSION_COOKIE)).toBeUndefined();
  });

  it("a stolen cookie stops working after logout", async () => {
    const { jar, call } = browser();
    await call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    const token = jar.get(PORTAL_SESSION_COOKIE)!;
    await call().auth.portal.logout();
    const replay = browser(memoryCookies({ [PORTAL_SESSION_COOKIE]: token }));
    const e = await error(replay.call().auth.portal.session());
    expect(e).toMatchObject({ code: "UNAUTHORIZED", cause: { reason: "SESSION_REQUIRED" } });
  });

  it("keeps customers apart: A's session shows A only and cannot revoke B's sessions", async () => {
    const alice = browser();
    const bob = browser();
    await alice.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    await bob.call().auth.portal.login({ email: "bob@beta.test", password: PASSWORD });
    const me = await alice.call().auth.portal.session();
    expect(me.customer.name).toBe("Alpha Ltd");
    expect(JSON.stringify(me)).not.toContain("Beta");
    const bobSessions = await bob.call().auth.portal.sessions.list();
    const bobSession = bobSessions.find((s) => s.current)!;
    const e = await error(alice.call().auth.portal.sessions.revoke({ session: bobSession.id }));
    expect(e).toMatchObject({ code: "NOT_FOUND" });
    expect((await alice.call().auth.portal.sessions.list()).map((s) => s.id)).not.toContain(bobSession.id);
    expect(await bob.call().auth.portal.session()).toMatchObject({ customer: { name: "Beta Inc" } });
  });

  it("lists sessions and logs out everywhere but here", async () => {
    const here = browser();
    const there = browser();
    await here.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    await there.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    const { revoked } = await here.call().auth.portal.sessions.revokeAll();
    expect(revoked).toBeGreaterThanOrEqual(1);
    const list = await here.call().auth.portal.sessions.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.current).toBe(true);
    expect(await error(there.call().auth.portal.session())).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a login mutation from a foreign origin", async () => {
    const { call, jar } = browser(memoryCookies(), { req: { origin: "https://evil.test" } });
    const e = await error(call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD }));
    expect(e).toMatchObject({ code: "FORBIDDEN", cause: { reason: "ORIGIN_NOT_ALLOWED" } });
    expect(jar.jar.size).toBe(0);
  });

  it("gives the same error for an unknown e-mail and a wrong password", async () => {
    const { call } = browser();
    const unknown = await error(
      call().auth.portal.login({ email: "who@alpha.test", password: "some-password" }),
    );
    const wrong = await error(
      call().auth.portal.login({ email: "ann@alpha.test", password: "some-password" }),
    );
    for (const e of [unknown, wrong])
      expect(e).toMatchObject({ code: "UNAUTHORIZED", message: wrong!.message });
    expect(unknown!.cause.reason).toBe("INVALID_CREDENTIALS");
    await call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
  });

  describe("console", () => {
    const probe = createCallerFactory(
      createTRPCRouter({
        console: merchantProcedure.query(({ ctx }) => ctx.merchantScope.role),
        portal: customerProcedure.query(({ ctx }) => ctx.scope.customerId),
      }),
    );
    const probeFor = (jar: MemoryCookies) => probe(createContextInner({ orm: db.orm, cookies: jar }));

    it("an owner without MFA is signed in but refused by merchantProcedure until enrolled", async () => {
      const { jar, call } = browser();
      const login = await call().auth.console.login({ email: "owner@acme.test", password: PASSWORD });
      expect(login).toMatchObject({ mfaEnrollmentRequired: true, session: { mfaVerified: false } });
      expect(await call().auth.console.session()).toMatchObject({
        user: { role: "owner" },
        session: { mfaVerified: false },
      });
      const e = await error(probeFor(jar).console());
      expect(e).toMatchObject({ code: "FORBIDDEN", cause: { reason: "MFA_REQUIRED" } });
    });

    it("an admin without MFA passes; console and portal cookies do not open each other", async () => {
      const { jar, call } = browser();
      await call().auth.console.login({ email: "admin@acme.test", password: PASSWORD });
      expect(await probeFor(jar).console()).toBe("admin");
      expect(await error(probeFor(jar).portal())).toMatchObject({ code: "UNAUTHORIZED" });
      const crossed = memoryCookies({ [PORTAL_SESSION_COOKIE]: jar.get(CONSOLE_SESSION_COOKIE)! });
      expect(await error(probeFor(crossed).portal())).toMatchObject({ code: "UNAUTHORIZED" });
      await call().auth.console.logout();
      expect(await error(call().auth.console.session())).toMatchObject({ code: "UNAUTHORIZED" });
    });
  });
});
