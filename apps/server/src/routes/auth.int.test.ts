import { CustomerUser, Merchant, Customer } from "@portico/db";
import { hashPassword } from "@portico/auth";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../test/build-test-app.js";

const PASSWORD = "portico-demo-customer";

describe("signing in to the portal over HTTP", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const customer = em.create(Customer, { merchant, name: "Northwind Traders", currency: "USD" });
    em.create(CustomerUser, {
      merchant,
      customer,
      email: "billing@northwind.test",
      role: "admin",
      passwordHash: await hashPassword(PASSWORD),
    });
    await em.flush();
    app = await buildTestApp(db.orm);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const login = (origin?: string) =>
    app.inject({
      method: "POST",
      url: "/trpc/auth.portal.login",
      headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
      payload: { email: "billing@northwind.test", password: PASSWORD },
    });

  it("logs in, uses the cookie, logs out, and the cookie no longer works", async () => {
    const response = await login("http://localhost:3000");
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/^portico_portal_session=[a-z2-7]{32}\.[a-z2-7]{32};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure"); // PUBLIC_URL is http here
    const cookie = setCookie.split(";")[0]!;
    expect(response.body).not.toContain(cookie.split("=")[1]!);

    const me = await app.inject({ url: "/trpc/auth.portal.session", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      result: {
        data: { customer: { name: "Northwind Traders" }, user: { email: "billing@northwind.test" } },
      },
    });

    const out = await app.inject({
      method: "POST",
      url: "/trpc/auth.portal.logout",
      headers: { cookie, "content-type": "application/json" },
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers["set-cookie"])).toMatch(/^portico_portal_session=;.*Expires=Thu, 01 Jan 1970/);

    const after = await app.inject({ url: "/trpc/auth.portal.session", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { data: { reason: "SESSION_REQUIRED" } } });
  });

  it("refuses the login mutation from a foreign origin", async () => {
    const response = await login("https://evil.test");
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { data: { reason: "ORIGIN_NOT_ALLOWED" } } });
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("marks the cookie Secure when PUBLIC_URL is https", async () => {
    const { readServerEnv } = await import("../env.js");
    const secureApp = await buildTestApp(db.orm, {
      env: readServerEnv({ PUBLIC_URL: "https://billing.acme.test" }),
    });
    try {
      const response = await secureApp.inject({
        method: "POST",
        url: "/trpc/auth.portal.login",
        headers: { "content-type": "application/json", origin: "https://billing.acme.test" },
        payload: { email: "billing@northwind.test", password: PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers["set-cookie"])).toContain("Secure");
    } finally {
      await secureApp.close();
    }
  });
});
