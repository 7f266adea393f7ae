import { CONSOLE_SESSION_COOKIE, hashPassword } from "@portico/auth";
import { fixedClock } from "@portico/core";
import { AuditEvent, AuthSession, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { type TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";
import { consoleBrowser } from "../test/browser.js";

const PASSWORD = "right-password-1";
const ORIGIN = "https://console.acme.test";
const clock = fixedClock(new Date("2026-03-01T12:00:00Z"));
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

const error = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError & { cause: { reason?: string } },
  );

describe("auth.console.sessions", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const passwordHash = await hashPassword(PASSWORD);
    const acme = em.create(Merchant, { slug: "acme", name: "Acme" });
    const beta = em.create(Merchant, { slug: "beta", name: "Beta" });
    for (const [merchant, email, role] of [
      [acme, "owner@acme.test", "owner"],
      [acme, "admin@acme.test", "admin"],
      [acme, "support@acme.test", "support"],
      [beta, "admin@beta.test", "admin"],
    ] as const) {
      em.create(MerchantUser, { merchant, email, name: email, role, passwordHash });
    }
    await em.flush();
  });
  afterAll(() => db?.close());

  /** A signed-in console browser: its own cookie jar, IP and user agent. */
  const signedIn = (email: string, userAgent = "vitest", ip = "198.51.100.7") =>
    consoleBrowser(db, { clock, origin: ORIGIN, ip, userAgent }, { email, password: PASSWORD });

  it("lists the user's own live sessions with device, IP and times, the current one marked", async () => {
    const here = await signedIn("support@acme.test");
    const there = await signedIn("support@acme.test", FIREFOX, "203.0.113.9");
    await signedIn("admin@acme.test");
    await signedIn("admin@beta.test");

    const list = await here.call().auth.console.sessions.list();
    expect(list).toHaveLength(2);
    const current = list.find((s) => s.current)!;
    const other = list.find((s) => !s.current)!;
    expect(current).toMatchObject({ ip: "198.51.100.7", userAgent: "vitest" });
    expect(other).toMatchObject({
      id: expect.stringMatching(/^sess_/),
      ip: "203.0.113.9",
      userAgent: FIREFOX,
      lastActiveAt: clock.now().toISOString(),
    });
    expect((await there.call().auth.console.sessions.list()).find((s) => s.current)?.id).toBe(other.id);
  });

  it("revokes one session: that browser is signed out, this one is not, and it is audited", async () => {
    const here = await signedIn("admin@acme.test");
    const there = await signedIn("admin@acme.test", FIREFOX);
    const target = (await there.call().auth.console.sessions.list()).find((s) => s.current)!;
    const before = await db.em().count(AuditEvent, { action: "Auth.SessionRevoked", targetId: target.id });

    const revoked = await here.call().auth.console.sessions.revoke({ session: target.id });
    expect(revoked).toMatchObject({ id: target.id, current: false });
    expect(await error(there.call().auth.console.session())).toMatchObject({
      code: "UNAUTHORIZED",
      cause: { reason: "SESSION_REQUIRED" },
    });
    expect(await here.call().auth.console.session()).toMatchObject({ user: { email: "admin@acme.test" } });
    expect((await here.call().auth.console.sessions.list()).map((s) => s.id)).not.toContain(target.id);
    expect(await db.em().count(AuditEvent, { action: "Auth.SessionRevoked", targetId: target.id })).toBe(
      before + 1,
    );
  });

  it("revoking the current session clears its cookie", async () => {
    const here = await signedIn("admin@acme.test");
    const current = (await here.call().auth.console.sessions.list()).find((s) => s.current)!;
    await here.call().auth.console.sessions.revoke({ session: current.id });
    expect(here.jar.get(CONSOLE_SESSION_COOKIE)).toBeUndefined();
    const row = await db.em().findOneOrFail(AuthSession, { publicId: current.id });
    expect(row.revokedAt).toEqual(clock.now());
  });

  it("signs out every other session of the user, and only the user's", async () => {
    const here = await signedIn("support@acme.test");
    const others = [await signedIn("support@acme.test"), await signedIn("support@acme.test", FIREFOX)];
    const colleague = await signedIn("admin@acme.test");

    const { revoked } = await here.call().auth.console.sessions.revokeAll();
    expect(revoked).toBeGreaterThanOrEqual(2);
    const list = await here.call().auth.console.sessions.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.current).toBe(true);
    for (const other of others) {
      expect(await error(other.call().auth.console.session())).toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(await colleague.call().auth.console.session()).toMatchObject({
      user: { email: "admin@acme.test" },
    });
  });

  it("cannot reach another user's or another merchant's session: NOT_FOUND, nothing revoked", async () => {
    const acme = await signedIn("admin@acme.test");
    const colleague = await signedIn("support@acme.test");
    const beta = await signedIn("admin@beta.test");
    for (const victim of [colleague, beta]) {
      const target = (await victim.call().auth.console.sessions.list()).find((s) => s.current)!;
      expect(await error(acme.call().auth.console.sessions.revoke({ session: target.id }))).toMatchObject({
        code: "NOT_FOUND",
        cause: { reason: "SESSION_NOT_FOUND" },
      });
      expect((await victim.call().auth.console.sessions.list()).map((s) => s.id)).toContain(target.id);
    }
  });

  it("refuses bad input, sessions that still owe MFA, and callers without a session", async () => {
    const admin = await signedIn("admin@acme.test");
    expect(await error(admin.call().auth.console.sessions.revoke({ session: "nope" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    const owner = await signedIn("owner@acme.test");
    expect(await error(owner.call().auth.console.sessions.list())).toMatchObject({
      code: "FORBIDDEN",
      cause: { reason: "MFA_REQUIRED" },
    });
    expect(await error(owner.call().auth.console.sessions.revokeAll())).toMatchObject({
      cause: { reason: "MFA_REQUIRED" },
    });
    const anonymous = createCaller(createContextInner({ orm: db.orm, clock }));
    expect(await error(anonymous.auth.console.sessions.list())).toMatchObject({
      code: "UNAUTHORIZED",
      cause: { reason: "SESSION_REQUIRED" },
    });
  });
});
