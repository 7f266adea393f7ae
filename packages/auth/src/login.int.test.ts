import { AppError, type Clock } from "@portico/core";
import { AuditEvent, AuthSession, Customer, CustomerUser, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginCustomerUser, loginMerchantUser, logout } from "./login.js";
import { hashPassword } from "./password.js";
import { hashSecret } from "./secret-hash.js";
import {
  createSession,
  listSessions,
  revokeAllSessions,
  validateSessionToken,
  type SessionSubject,
} from "./session.js";

const PASSWORD = "right-password-1";
const START = new Date("2026-03-01T09:00:00Z");

/** A clock tests move by hand. */
function manualClock(start: Date) {
  let now = start.getTime();
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
  };
  return clock;
}

const MIN = 60_000;

describe("password login, lockout and sessions", () => {
  let db: TestDatabase;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const hash = await hashPassword(PASSWORD);
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const a = em.create(Customer, { merchant, name: "Alpha Ltd", currency: "USD" });
    const b = em.create(Customer, { merchant, name: "Beta Inc", currency: "USD" });
    const mk = (customer: typeof a, email: string) =>
      em.create(CustomerUser, { merchant, customer, email, role: "admin", passwordHash: hash });
    const victim = mk(a, "victim@alpha.test");
    const alice = mk(a, "alice@alpha.test");
    mk(a, "shared@both.test");
    mk(b, "shared@both.test");
    const owner = em.create(MerchantUser, {
      merchant,
      email: "owner@acme.test",
      name: "O",
      role: "owner",
      passwordHash: hash,
    });
    const admin = em.create(MerchantUser, {
      merchant,
      email: "admin@acme.test",
      name: "A",
      role: "admin",
      passwordHash: hash,
    });
    await em.flush();
    Object.assign(ids, {
      victim: victim.id,
      alice: alice.id,
      owner: owner.id,
      admin: admin.id,
      merchant: merchant.id,
    });
  });
  afterAll(() => db?.close());

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppError,
    );

  it("20 parallel wrong passwords lock after exactly 5; the right one is refused while locked; the lock lifts", async () => {
    const clock = manualClock(START);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        failure(
          loginCustomerUser(db.em(), clock, {
            email: "victim@alpha.test",
            password: `wrong-${i}`,
            ip: "203.0.113.9",
          }),
        ),
      ),
    );
    const reasons = results.map((e) => e?.reason);
    expect(reasons.filter((r) => r === "INVALID_CREDENTIALS")).toHaveLength(5);
    expect(reasons.filter((r) => r === "ACCOUNT_LOCKED")).toHaveLength(15);
    const user = await db.em().findOneOrFail(CustomerUser, ids.victim!);
    expect(user.failedLoginCount).toBe(5);
    expect(user.lockedUntil?.toISOString()).toBe(new Date(START.getTime() + 15 * MIN).toISOString());
    const locked = await db.em().find(AuditEvent, { action: "Auth.Locked", targetId: user.publicId });
    expect(locked).toHaveLength(1);
    expect(locked[0]!.ip).toBe("203.0.113.9");

    const right = await failure(
      loginCustomerUser(db.em(), clock, { email: "victim@alpha.test", password: PASSWORD }),
    );
    expect(right).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "ACCOUNT_LOCKED" });
    expect(right?.details).toEqual({ lockedUntil: user.lockedUntil!.toISOString() });

    clock.advance(15 * MIN - 1000);
    expect(
      await failure(loginCustomerUser(db.em(), clock, { email: "victim@alpha.test", password: PASSWORD })),
    ).toMatchObject({
      reason: "ACCOUNT_LOCKED",
    });
    clock.advance(1000);
    const ok = await loginCustomerUser(db.em(), clock, { email: "victim@alpha.test", password: PASSWORD });
    expect(ok.user.publicId).toBe(user.publicId);
    const after = await db.em().findOneOrFail(CustomerUser, ids.victim!);
    expect(after).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(after.lastLoginAt?.toISOString()).toBe(clock.now().toISOString());
  });

  it("answers an unknown e-mail exactly as a wrong password", async () => {
    const clock = manualClock(START);
    const unknown = await failure(
      loginCustomerUser(db.em(), clock, { email: "nobody@alpha.test", password: "x-password" }),
    );
    const wrong = await failure(
      loginCustomerUser(db.em(), clock, { email: "alice@alpha.test", password: "x-password" }),
    );
    expect(unknown).toBeInstanceOf(AppError);
    for (const e of [unknown, wrong])
      expect(e).toMatchObject({ code: "UNAUTHORIZED", reason: "INVALID_CREDENTIALS" });
    expect(unknown?.message).toBe(wrong?.message);
    expect(unknown?.details).toBe(wrong?.details);
    await loginCustomerUser(db.em(), clock, { email: "alice@alpha.test", password: PASSWORD }); // resets the count
  });

  it("names the customers of a shared e-mail only once the password is proven", async () => {
    const clock = manualClock(START);
    const wrong = await failure(
      loginCustomerUser(db.em(), clock, { email: "shared@both.test", password: "nope-nope" }),
    );
    expect(wrong).toMatchObject({ reason: "INVALID_CREDENTIALS", details: undefined });
    const choice = await failure(
      loginCustomerUser(db.em(), clock, { email: "Shared@Both.test ", password: PASSWORD }),
    );
    expect(choice).toMatchObject({ code: "CONFLICT", reason: "CUSTOMER_CHOICE_REQUIRED" });
    const customers = (choice?.details as { customers: { customer: string; name: string }[] }).customers;
    expect(customers.map((c) => c.name).sort()).toEqual(["Alpha Ltd", "Beta Inc"]);
    const beta = customers.find((c) => c.name === "Beta Inc")!;
    const ok = await loginCustomerUser(db.em(), clock, {
      email: "shared@both.test",
      password: PASSWORD,
      customer: beta.customer,
    });
    expect(ok.customer.publicId).toBe(beta.customer);
  });

  it("owner without MFA gets a session that still owes enrolment; an admin does not", async () => {
    const clock = manualClock(START);
    const owner = await loginMerchantUser(db.em(), clock, {
      email: "owner@acme.test",
      password: PASSWORD,
      merchantSlug: "acme",
    });
    expect(owner).toMatchObject({ mfaEnrollmentRequired: true, mfaRequired: false });
    expect(owner.session.mfaVerified).toBe(false);
    const admin = await loginMerchantUser(db.em(), clock, { email: "admin@acme.test", password: PASSWORD });
    expect(admin).toMatchObject({ mfaEnrollmentRequired: false, mfaRequired: false });
    expect(admin.session.mfaVerified).toBe(true);
    const events = await db.em().find(AuditEvent, { action: "Auth.Login", actorId: admin.user.publicId });
    expect(events.length).toBeGreaterThan(0);
  });

  it("idle and absolute timeouts end sessions; activity slides the idle expiry", async () => {
    const clock = manualClock(START);
    const subject: SessionSubject = { type: "merchant_user", userId: ids.admin! };
    const base = { subject, merchantId: ids.merchant!, mfaVerified: true };
    const idle = await createSession(db.em(), clock, base);
    clock.advance(29 * MIN);
    expect(await validateSessionToken(db.em(), clock, idle.token)).not.toBeNull();
    clock.advance(29 * MIN); // 58 min after sign-in, 29 after the last use
    expect(await validateSessionToken(db.em(), clock, idle.token)).not.toBeNull();
    clock.advance(30 * MIN);
    expect(await validateSessionToken(db.em(), clock, idle.token)).toBeNull();

    const busy = await createSession(db.em(), clock, base);
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * MIN);
      expect(await validateSessionToken(db.em(), clock, busy.token)).not.toBeNull();
    }
    clock.advance(29 * MIN); // 12 h 25 min after sign-in: past the absolute lifetime
    expect(await validateSessionToken(db.em(), clock, busy.token)).toBeNull();
  });

  it("refuses a wrong secret and stores only the SHA-256 of the secret", async () => {
    const clock = manualClock(START);
    const { token } = await createSession(db.em(), clock, {
      subject: { type: "customer_user", userId: ids.alice! },
      merchantId: ids.merchant!,
      mfaVerified: true,
    });
    const [id, secret] = token.split(".") as [string, string];
    expect(id).toMatch(/^[a-z2-7]{32}$/);
    expect(secret).toMatch(/^[a-z2-7]{32}$/);
    expect(await validateSessionToken(db.em(), clock, `${id}.${"a".repeat(32)}`)).toBeNull();
    const rows = await db
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(`select * from auth_session where id = ?`, [id]);
    const row = rows[0]!;
    const dump = JSON.stringify(row, (_k, v: unknown) =>
      v instanceof Uint8Array || Buffer.isBuffer(v) ? Buffer.from(v).toString("hex") : v,
    );
    expect(dump).not.toContain(secret);
    expect(Buffer.from(row.secret_hash as Uint8Array).toString("hex")).toBe(hashSecret(secret));
  });

  it("logout ends the session server-side; revokeAll keeps only the current one", async () => {
    const clock = manualClock(START);
    const subject: SessionSubject = { type: "customer_user", userId: ids.alice! };
    const one = await loginCustomerUser(db.em(), clock, { email: "alice@alpha.test", password: PASSWORD });
    expect(await validateSessionToken(db.em(), clock, one.token)).not.toBeNull();
    expect(await logout(db.em(), clock, one.token)).toBe(true);
    expect(await validateSessionToken(db.em(), clock, one.token)).toBeNull();
    const revoked = await db
      .em()
      .find(AuditEvent, { action: "Auth.SessionRevoked", targetId: one.session.publicId });
    expect(revoked).toHaveLength(1);

    const sessions = await Promise.all(
      [1, 2, 3].map(() =>
        loginCustomerUser(db.em(), clock, { email: "alice@alpha.test", password: PASSWORD }),
      ),
    );
    const current = sessions[0]!;
    const count = await revokeAllSessions(db.em(), clock, subject, {
      actorId: current.user.publicId,
      except: current.session.id,
    });
    expect(count).toBeGreaterThanOrEqual(2);
    const live = await listSessions(db.em(), clock, subject);
    expect(live.map((s) => s.id)).toEqual([current.session.id]);
    expect(await validateSessionToken(db.em(), clock, sessions[1]!.token)).toBeNull();
    expect(await db.em().count(AuthSession, { customerUser: ids.alice!, revokedAt: null })).toBe(1);
  });
});
