import {
  decodeTotpSecret,
  generateEncryptionKey,
  hashPassword,
  SecretKeyring,
  totpCodeAt,
  totpStep,
} from "@portico/auth";
import type { Clock } from "@portico/core";
import { Customer, CustomerUser, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies } from "../cookies.js";
import { createCaller } from "../root.js";
import { createContextInner } from "../trpc.js";

const PASSWORD = "right-password-1";
const ORIGIN = "https://billing.acme.test";
const TEST_KEYS = new SecretKeyring(TEST_ENCRYPTION_KEY);

const clockState = { now: new Date("2026-03-01T09:00:00Z").getTime() };
const clock: Clock = { now: () => new Date(clockState.now) };
const nextStep = () => void (clockState.now += 30_000);
const codeFor = (secret: string) => totpCodeAt(decodeTotpSecret(secret), totpStep(clock.now()));

const error = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError & { cause: { reason?: string } },
  );

/** Every way the stored text could be read without the key: whole, and each part decoded. */
function decodings(stored: string): Buffer[] {
  const texts = [stored, ...stored.split(".")];
  return texts.flatMap((text) => [
    Buffer.from(text, "utf8"),
    Buffer.from(text, "base64url"),
    Buffer.from(text, "base64"),
    Buffer.from(text, "hex"),
  ]);
}

describe("TOTP secrets at rest", () => {
  let db: TestDatabase;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const hash = await hashPassword(PASSWORD);
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const customer = em.create(Customer, { merchant, name: "Alpha Ltd", currency: "USD" });
    em.create(CustomerUser, {
      merchant,
      customer,
      email: "cy@alpha.test",
      role: "admin",
      passwordHash: hash,
    });
    for (const email of ["ada@acme.test", "bob@acme.test", "cem@acme.test"]) {
      em.create(MerchantUser, { merchant, email, name: email, role: "admin", passwordHash: hash });
    }
    await em.flush();
  });
  afterAll(() => db?.close());

  const caller = (secretKeys: SecretKeyring | null = TEST_KEYS) => {
    const jar = memoryCookies();
    return () =>
      createCaller(
        createContextInner({
          orm: db.orm,
          clock,
          cookies: jar,
          allowedOrigins: [ORIGIN],
          auth: { secretKeys },
          req: { origin: ORIGIN, ip: "198.51.100.7", userAgent: "vitest" },
        }),
      );
  };
  const consoleLogin = async (email: string, secretKeys?: SecretKeyring | null) => {
    const call = caller(secretKeys);
    const login = await call().auth.console.login({ email, password: PASSWORD });
    return { call, login };
  };
  const enrolConsole = async (email: string) => {
    const { call } = await consoleLogin(email);
    const { secret } = await call().auth.console.mfa.beginEnrollment();
    nextStep();
    await call().auth.console.mfa.confirmEnrollment({ code: codeFor(secret) });
    return secret;
  };
  const storedSecret = async (email: string) => {
    const rows = await db
      .em()
      .getConnection()
      .execute<{ public_id: string; totp_secret: string | null; failed_login_count: number }[]>(
        `select public_id, totp_secret, failed_login_count from merchant_user where email = ?`,
        [email],
      );
    return rows[0]!;
  };

  it("stores neither the base32 secret nor anything that decodes to the key without it", async () => {
    secrets.ada = await enrolConsole("ada@acme.test");
    const portal = caller();
    await portal().auth.portal.login({ email: "cy@alpha.test", password: PASSWORD });
    secrets.cy = (await portal().auth.portal.mfa.beginEnrollment()).secret;

    const rows = await db
      .em()
      .getConnection()
      .execute<{ table: string; public_id: string; totp_secret: string }[]>(
        `select 'merchant_user' as "table", public_id, totp_secret from merchant_user where totp_secret is not null
         union all
         select 'customer_user', public_id, totp_secret from customer_user where totp_secret is not null`,
      );
    expect(rows.map((r) => r.table).sort()).toEqual(["customer_user", "merchant_user"]);
    for (const row of rows) {
      const secret = row.table === "merchant_user" ? secrets.ada! : secrets.cy!;
      const key = Buffer.from(decodeTotpSecret(secret));
      expect(row.totp_secret).toMatch(
        /^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
      );
      expect(row.totp_secret.toUpperCase()).not.toContain(secret);
      for (const bytes of decodings(row.totp_secret)) expect(bytes.includes(key)).toBe(false);
      const context = `${row.table}.totp_secret:${row.public_id}`;
      expect(new SecretKeyring(generateEncryptionKey()).open(row.totp_secret, context)).toBeNull();
      // With the key and its own row it is exactly the enrolled secret.
      expect(TEST_KEYS.open(row.totp_secret, context)).toEqual({ plaintext: secret, stale: false });
    }
  });

  it("refuses a sealed key copied onto another user's row, without spending a lockout slot", async () => {
    secrets.bob = await enrolConsole("bob@acme.test");
    const ada = await storedSecret("ada@acme.test");
    await db
      .em()
      .getConnection()
      .execute(`update merchant_user set totp_secret = ? where email = ?`, [
        ada.totp_secret,
        "bob@acme.test",
      ]);

    nextStep();
    const { call, login } = await consoleLogin("bob@acme.test");
    expect(login).toMatchObject({ mfaRequired: true });
    const failure = await error(call().auth.console.mfa.verify({ code: codeFor(secrets.ada!) }));
    expect(failure).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      cause: { reason: "MFA_SECRET_UNREADABLE" },
    });
    expect(failure?.message).not.toContain(TEST_ENCRYPTION_KEY);
    expect((await storedSecret("bob@acme.test")).failed_login_count).toBe(0);
  });

  it("refuses to enrol without an encryption key and writes nothing", async () => {
    const { call } = await consoleLogin("cem@acme.test", null);
    expect(await error(call().auth.console.mfa.beginEnrollment())).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      cause: { reason: "ENCRYPTION_KEY_MISSING" },
    });
    expect((await storedSecret("cem@acme.test")).totp_secret).toBeNull();
  });

  it("opens a key sealed before a rotation and re-seals it with the new key", async () => {
    const rotated = new SecretKeyring(generateEncryptionKey(), [TEST_ENCRYPTION_KEY]);
    nextStep();
    const { call } = await consoleLogin("ada@acme.test", rotated);
    expect(await call().auth.console.mfa.verify({ code: codeFor(secrets.ada!) })).toEqual({
      method: "totp",
    });
    const after = await storedSecret("ada@acme.test");
    expect(after.totp_secret!.split(".")[1]).toBe(rotated.currentKeyId);
    const context = `merchant_user.totp_secret:${after.public_id}`;
    expect(rotated.open(after.totp_secret!, context)).toEqual({ plaintext: secrets.ada, stale: false });
    expect(TEST_KEYS.open(after.totp_secret!, context)).toBeNull();

    // A server that lost the new key cannot check the code: a typed error, never a crash.
    nextStep();
    const stale = await consoleLogin("ada@acme.test");
    expect(await error(stale.call().auth.console.mfa.verify({ code: codeFor(secrets.ada!) }))).toMatchObject({
      cause: { reason: "MFA_SECRET_UNREADABLE" },
    });
  });
});
