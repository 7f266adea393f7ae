import { hashPassword } from "@portico/auth";
import { AuditEvent, Customer, CustomerUser, EmailMessage, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "../env.js";
import { buildTestApp } from "../test/build-test-app.js";

const PUBLIC_URL = "https://billing.acme.test";
const KNOWN = "billing@northwind.test";
const PASSWORD = "right-password-1";

describe("auth throttles over HTTP: 429 with Retry-After", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  /** THROTTLE_SCALE=0.3: three password attempts per e-mail. */
  let strict: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const customer = em.create(Customer, { merchant, name: "Northwind", currency: "USD" });
    for (const email of [KNOWN, "locked-out@northwind.test"])
      em.create(CustomerUser, {
        merchant,
        customer,
        email,
        role: "admin",
        passwordHash: await hashPassword(PASSWORD),
      });
    await em.flush();
    app = await buildTestApp(db.orm, { env: readServerEnv({ PUBLIC_URL }) });
    strict = await buildTestApp(db.orm, { env: readServerEnv({ PUBLIC_URL, THROTTLE_SCALE: "0.3" }) });
  });
  afterAll(async () => {
    await app?.close();
    await strict?.close();
    await db?.close();
  });

  const post = (server: FastifyInstance, path: string, payload: object, ip: string) =>
    server.inject({
      method: "POST",
      url: `/trpc/${path}`,
      headers: { "content-type": "application/json", origin: PUBLIC_URL },
      remoteAddress: ip,
      payload,
    });

  /** What a client can observe of an answer, with the wait rounded to the minute. */
  const observed = (response: LightMyRequestResponse) => {
    const body = response.json<{ error?: { data: { details?: { retryAfterSeconds?: number } } } }>();
    const wait = body.error?.data.details?.retryAfterSeconds;
    if (wait !== undefined) body.error!.data.details!.retryAfterSeconds = Math.ceil(wait / 60);
    return {
      status: response.statusCode,
      retryAfter: response.headers["retry-after"] && Math.ceil(Number(response.headers["retry-after"]) / 60),
      setCookie: response.headers["set-cookie"],
      body,
    };
  };

  const codesQueued = () => db.em().count(EmailMessage, { template: "login_code" });

  it("answers the 4th login-code request for an e-mail with 429, the same for a known and an unknown e-mail", async () => {
    const known: LightMyRequestResponse[] = [];
    const unknown: LightMyRequestResponse[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await post(app, "auth.portal.requestLoginCode", { email: KNOWN }, "198.51.100.10"));
      unknown.push(
        await post(app, "auth.portal.requestLoginCode", { email: "nobody@northwind.test" }, "198.51.100.11"),
      );
    }
    for (let i = 0; i < 3; i++) {
      expect(known[i]!.statusCode).toBe(200);
      expect(observed(unknown[i]!)).toEqual(observed(known[i]!));
    }
    const limited = known[3]!;
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.json()).toMatchObject({
      error: {
        data: {
          code: "TOO_MANY_REQUESTS",
          reason: "RATE_LIMITED",
          details: { retryAfterSeconds: retryAfter },
        },
      },
    });
    expect(observed(unknown[3]!)).toEqual(observed(limited));

    // Same e-mail, another address, differently typed: still refused, and no code is sent.
    const before = await codesQueued();
    const again = await post(
      app,
      "auth.portal.requestLoginCode",
      { email: " Billing@Northwind.TEST " },
      "192.0.2.99",
    );
    expect(again.statusCode).toBe(429);
    expect(await codesQueued()).toBe(before);
    // Another e-mail from the first address is not affected.
    const other = await post(
      app,
      "auth.portal.requestLoginCode",
      { email: "else@northwind.test" },
      "198.51.100.10",
    );
    expect(other.statusCode).toBe(200);
  });

  it("refuses the password login over the limit before checking anything: no lockout count, no session", async () => {
    const email = "locked-out@northwind.test";
    for (let i = 0; i < 3; i++) {
      const wrong = await post(
        strict,
        "auth.portal.login",
        { email, password: `wrong-password-${i}` },
        "203.0.113.5",
      );
      expect(wrong.statusCode).toBe(401);
    }
    const failuresLogged = await db.em().count(AuditEvent, { action: "Auth.LoginFailed" });
    // The right password now: a login that ran would reset the failure count and set a cookie.
    const right = await post(strict, "auth.portal.login", { email, password: PASSWORD }, "203.0.113.6");
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers["retry-after"])).toBeGreaterThan(590);
    expect(right.headers["set-cookie"]).toBeUndefined();
    expect(right.json()).toMatchObject({ error: { data: { reason: "RATE_LIMITED" } } });
    const user = await db.em().findOneOrFail(CustomerUser, { email });
    expect(user.failedLoginCount).toBe(3);
    expect(await db.em().count(AuditEvent, { action: "Auth.LoginFailed" })).toBe(failuresLogged);
  });

  it("limits login-code guesses per e-mail", async () => {
    const guess = (ip: string) =>
      post(strict, "auth.portal.verifyLoginCode", { email: KNOWN, code: "000000" }, ip);
    for (let i = 0; i < 3; i++) expect((await guess(`192.0.2.${i + 1}`)).statusCode).toBeLessThan(429);
    const limited = await guess("192.0.2.4");
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { data: { reason: "RATE_LIMITED" } } });
  });

  it("limits reset-token guesses per IP", async () => {
    const guess = (ip: string) =>
      post(app, "auth.console.resetPassword", { token: "a".repeat(32), newPassword: "new-password-123" }, ip);
    for (let i = 0; i < 20; i++) expect((await guess("203.0.113.50")).statusCode).toBe(400);
    const limited = await guess("203.0.113.50");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await guess("203.0.113.51")).statusCode).toBe(400);
  });

  it("sends no Retry-After on other answers", async () => {
    const response = await post(
      app,
      "auth.portal.login",
      { email: KNOWN, password: "wrong-password" },
      "203.0.113.60",
    );
    expect(response.statusCode).toBe(401);
    expect(response.headers["retry-after"]).toBeUndefined();
  });
});
