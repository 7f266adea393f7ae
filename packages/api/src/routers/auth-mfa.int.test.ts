import {
  CONSOLE_SESSION_COOKIE,
  PORTAL_SESSION_COOKIE,
  decodeTotpSecret,
  hashPassword,
  hashSecret,
  normalizeRecoveryCode,
  SecretKeyring,
  totpCodeAt,
  totpStep,
} from "@portico/auth";
import type { Clock } from "@portico/core";
import { AuditEvent, Customer, EmailMessage, CustomerUser, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { type TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies, type MemoryCookies } from "../cookies.js";
import { createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";

const PASSWORD = "right-password-1";
const ORIGIN = "https://billing.acme.test";

const clockState = { now: new Date("2026-03-01T09:00:00Z").getTime() };
const clock: Clock = { now: () => new Date(clockState.now) };
/** Moves to the next TOTP step, so a fresh code is due. */
const nextStep = () => void (clockState.now += 30_000);

const error = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError & { cause: { reason?: string } },
  );

describe("TOTP MFA (auth.console.mfa, auth.portal.mfa)", () => {
  let db: TestDatabase;
  const secrets: Record<string, string> = {};
  const code = (who: string) => totpCodeAt(decodeTotpSecret(secrets[who]!), totpStep(clock.now()));

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const hash = await hashPassword(PASSWORD);
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const customer = em.create(Customer, { merchant, name: "Alpha Ltd", currency: "USD" });
    em.create(CustomerUser, {
      merchant,
      customer,
      email: "ann@alpha.test",
      role: "admin",
      passwordHash: hash,
    });
    em.create(MerchantUser, {
      merchant,
      email: "owner@acme.test",
      name: "O",
      role: "owner",
      passwordHash: hash,
    });
    em.create(MerchantUser, {
      merchant,
      email: "admin@acme.test",
      name: "A",
      role: "admin",
      passwordHash: hash,
    });
    await em.flush();
  });
  afterAll(() => db?.close());

  const browser = (jar: MemoryCookies = memoryCookies()) => ({
    jar,
    call: () =>
      createCaller(
        createContextInner({
          orm: db.orm,
          clock,
          cookies: jar,
          allowedOrigins: [ORIGIN],
          auth: { secretKeys: new SecretKeyring(TEST_ENCRYPTION_KEY) },
          req: { origin: ORIGIN, ip: "198.51.100.7", userAgent: "vitest" },
        }),
      ),
  });
  const consoleLogin = async (email: string) => {
    const b = browser();
    const login = await b.call().auth.console.login({ email, password: PASSWORD });
    return { ...b, login };
  };
  const audits = (action: string) => db.em().count(AuditEvent, { action });

  it("forces the owner to enrol, then upgrades the session to a new, verified id", async () => {
    const { jar, call, login } = await consoleLogin("owner@acme.test");
    expect(login).toMatchObject({ mfaEnrollmentRequired: true, session: { mfaVerified: false } });
    // Everything but the enrolment procedures is closed to this session.
    expect(await error(call().auth.console.mfa.status())).toMatchObject({
      code: "FORBIDDEN",
      cause: { reason: "MFA_REQUIRED" },
    });
    const enrollment = await call().auth.console.mfa.beginEnrollment();
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.otpauthUri).toContain("otpauth://totp/Acme:owner%40acme.test?issuer=Acme");
    expect(enrollment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    secrets.owner = enrollment.secret;

    expect(await error(call().auth.console.mfa.confirmEnrollment({ code: "000000" }))).toMatchObject({
      code: "UNAUTHORIZED",
      cause: { reason: "INVALID_MFA_CODE" },
    });
    const oldToken = jar.get(CONSOLE_SESSION_COOKIE)!;
    const { recoveryCodes } = await call().auth.console.mfa.confirmEnrollment({ code: code("owner") });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    secrets.ownerRecovery = recoveryCodes[0]!;
    secrets.ownerRecoveryUnused = recoveryCodes[1]!;

    const newToken = jar.get(CONSOLE_SESSION_COOKIE)!;
    expect(newToken).not.toBe(oldToken);
    expect(newToken.split(".")[0]).not.toBe(oldToken.split(".")[0]);
    const stale = browser(memoryCookies({ [CONSOLE_SESSION_COOKIE]: oldToken }));
    expect(await error(stale.call().auth.console.session())).toMatchObject({ code: "UNAUTHORIZED" });
    const me = await call().auth.console.session();
    expect(me).toMatchObject({ user: { mfaEnabled: true }, session: { mfaVerified: true } });
    expect(await call().auth.console.mfa.status()).toMatchObject({
      enabled: true,
      recoveryCodesRemaining: 10,
    });
    expect(await audits("Auth.MfaEnrolled")).toBe(1);

    // Only SHA-256 hashes of the recovery codes are in the table.
    const rows = await db
      .em()
      .getConnection()
      .execute<{ code_hash: string }[]>(`select code_hash from recovery_code`);
    expect(rows).toHaveLength(10);
    const dump = JSON.stringify(rows);
    for (const c of recoveryCodes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(normalizeRecoveryCode(c)!);
    }
    expect(rows.map((r) => r.code_hash).sort()).toEqual(
      recoveryCodes.map((c) => hashSecret(normalizeRecoveryCode(c)!)).sort(),
    );
  });

  it("challenges after a password login; a TOTP code works once", async () => {
    nextStep();
    const first = await consoleLogin("owner@acme.test");
    expect(first.login).toMatchObject({ mfaRequired: true, session: { mfaVerified: false } });
    expect(await error(first.call().auth.console.mfa.status())).toMatchObject({
      cause: { reason: "MFA_REQUIRED" },
    });
    // A session that owes the challenge cannot swap the factor.
    expect(await error(first.call().auth.console.mfa.beginEnrollment())).toMatchObject({
      cause: { reason: "MFA_ALREADY_ENABLED" },
    });
    const used = code("owner");
    const before = first.jar.get(CONSOLE_SESSION_COOKIE)!;
    expect(await first.call().auth.console.mfa.verify({ code: used })).toEqual({ method: "totp" });
    expect(first.jar.get(CONSOLE_SESSION_COOKIE)).not.toBe(before);
    expect(await first.call().auth.console.session()).toMatchObject({ session: { mfaVerified: true } });

    const second = await consoleLogin("owner@acme.test");
    expect(await error(second.call().auth.console.mfa.verify({ code: used }))).toMatchObject({
      code: "UNAUTHORIZED",
      cause: { reason: "INVALID_MFA_CODE" },
    });
    nextStep();
    expect(await second.call().auth.console.mfa.verify({ code: code("owner") })).toEqual({ method: "totp" });
  });

  it("accepts a recovery code once", async () => {
    const first = await consoleLogin("owner@acme.test");
    expect(await first.call().auth.console.mfa.verify({ code: secrets.ownerRecovery! })).toEqual({
      method: "recovery_code",
    });
    expect(await first.call().auth.console.mfa.status()).toMatchObject({ recoveryCodesRemaining: 9 });
    const second = await consoleLogin("owner@acme.test");
    expect(
      await error(second.call().auth.console.mfa.verify({ code: secrets.ownerRecovery! })),
    ).toMatchObject({
      cause: { reason: "INVALID_MFA_CODE" },
    });
  });

  it("refuses to turn off an owner's MFA; regenerating recovery codes needs a code and voids the old ones", async () => {
    nextStep();
    const { call } = await consoleLogin("owner@acme.test");
    await call().auth.console.mfa.verify({ code: code("owner") });
    expect(
      await error(call().auth.console.mfa.disable({ password: PASSWORD, code: "123456" })),
    ).toMatchObject({
      code: "FORBIDDEN",
      cause: { reason: "MFA_MANDATORY" },
    });
    expect(await error(call().auth.console.mfa.regenerateRecoveryCodes({ code: "000000" }))).toMatchObject({
      cause: { reason: "INVALID_MFA_CODE" },
    });
    nextStep();
    const { recoveryCodes } = await call().auth.console.mfa.regenerateRecoveryCodes({ code: code("owner") });
    expect(recoveryCodes).toHaveLength(10);
    const old = await consoleLogin("owner@acme.test");
    // An old code never used is void too.
    expect(
      await error(old.call().auth.console.mfa.verify({ code: secrets.ownerRecoveryUnused! })),
    ).toMatchObject({
      cause: { reason: "INVALID_MFA_CODE" },
    });
    expect(await old.call().auth.console.mfa.verify({ code: recoveryCodes[3]! })).toEqual({
      method: "recovery_code",
    });
  });

  it("lets an admin turn MFA off only with the password and a current code", async () => {
    const { call } = await consoleLogin("admin@acme.test");
    expect(await call().auth.console.mfa.status()).toMatchObject({ enabled: false });
    secrets.admin = (await call().auth.console.mfa.beginEnrollment()).secret;
    nextStep();
    await call().auth.console.mfa.confirmEnrollment({ code: code("admin") });
    nextStep();
    expect(
      await error(call().auth.console.mfa.disable({ password: "wrong-password", code: code("admin") })),
    ).toMatchObject({ cause: { reason: "INVALID_MFA_CODE" } });
    expect(
      await error(call().auth.console.mfa.disable({ password: PASSWORD, code: "000000" })),
    ).toMatchObject({
      cause: { reason: "INVALID_MFA_CODE" },
    });
    expect(await call().auth.console.mfa.disable({ password: PASSWORD, code: code("admin") })).toEqual({
      ok: true,
    });
    expect(await call().auth.console.mfa.status()).toMatchObject({
      enabled: false,
      recoveryCodesRemaining: 0,
    });
    expect(await audits("Auth.MfaDisabled")).toBe(1);
    const again = await consoleLogin("admin@acme.test");
    expect(again.login).toMatchObject({ mfaRequired: false, session: { mfaVerified: true } });
  });

  it("enrols and challenges portal users", async () => {
    const b = browser();
    await b.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    secrets.ann = (await b.call().auth.portal.mfa.beginEnrollment()).secret;
    nextStep();
    const before = b.jar.get(PORTAL_SESSION_COOKIE);
    await b.call().auth.portal.mfa.confirmEnrollment({ code: code("ann") });
    expect(b.jar.get(PORTAL_SESSION_COOKIE)).not.toBe(before);

    const c = browser();
    const login = await c.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    expect(login).toMatchObject({ mfaRequired: true, session: { mfaVerified: false } });
    expect(await error(c.call().auth.portal.session())).toMatchObject({ cause: { reason: "MFA_REQUIRED" } });
    nextStep();
    expect(await c.call().auth.portal.mfa.verify({ code: code("ann") })).toEqual({ method: "totp" });
    expect(await c.call().auth.portal.session()).toMatchObject({ session: { mfaVerified: true } });
  });

  it("locks the account after 5 wrong codes, even for the right code and password", async () => {
    nextStep();
    const { call } = await consoleLogin("owner@acme.test");
    for (let i = 0; i < 5; i++) {
      expect(await error(call().auth.console.mfa.verify({ code: "000000" }))).toMatchObject({
        cause: { reason: "INVALID_MFA_CODE" },
      });
    }
    expect(await error(call().auth.console.mfa.verify({ code: code("owner") }))).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: { reason: "ACCOUNT_LOCKED" },
    });
    expect(
      await error(browser().call().auth.console.login({ email: "owner@acme.test", password: PASSWORD })),
    ).toMatchObject({ cause: { reason: "ACCOUNT_LOCKED" } });
    expect(await audits("Auth.Locked")).toBe(1);
    // The owner is told by e-mail (outbox), exactly once.
    expect(await db.em().count(EmailMessage, { to: "owner@acme.test", template: "lockout_notice" })).toBe(1);
  });
});
