import { hashPassword } from "@portico/auth";
import { AuditEvent, Customer, CustomerUser, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "./test/build-test-app.js";

const PASSWORD = "portico-demo-customer";
/** One user and one client address per parallel request, so the login throttles stay out of it. */
const PARALLEL = [0, 1, 2, 3, 4];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids: response header, audit events", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const customer = em.create(Customer, { merchant, name: "Northwind Traders", currency: "USD" });
    const passwordHash = await hashPassword(PASSWORD);
    for (const email of ["billing@northwind.test", ...PARALLEL.map((i) => `user${i}@northwind.test`)]) {
      em.create(CustomerUser, { merchant, customer, email, role: "admin", passwordHash });
    }
    await em.flush();
    app = await buildTestApp(db.orm);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  interface Attempt {
    requestId?: string;
    password?: string;
    email?: string;
    ip?: string;
  }
  const login = ({ requestId, password = PASSWORD, email = "billing@northwind.test", ip }: Attempt = {}) =>
    app.inject({
      method: "POST",
      url: "/trpc/auth.portal.login",
      headers: { "content-type": "application/json", ...(requestId ? { "x-request-id": requestId } : {}) },
      payload: { email, password },
      ...(ip ? { remoteAddress: ip } : {}),
    });
  const auditsOf = async (requestId: string) =>
    (await db.em().find(AuditEvent, { requestId }, { orderBy: { id: "asc" } })).map((event) => event.action);

  it("gives a request without an id a random one, returns it, and stamps Auth.Login with it", async () => {
    const response = await login();
    expect(response.statusCode).toBe(200);
    const requestId = String(response.headers["x-request-id"]);
    expect(requestId).toMatch(UUID);
    expect(await auditsOf(requestId)).toEqual(["Auth.Login"]);
  });

  it("keeps a sane incoming x-request-id, on failures too", async () => {
    const response = await login({ requestId: "lb-7f3a.9c21:0001", password: "wrong-password" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["x-request-id"]).toBe("lb-7f3a.9c21:0001");
    expect(await auditsOf("lb-7f3a.9c21:0001")).toEqual(["Auth.LoginFailed"]);
  });

  it("replaces an incoming id that is too long or not a plain token", async () => {
    for (const unsafe of ["a".repeat(65), "id with spaces", "<script>", "x\u00e9"]) {
      const response = await app.inject({ url: "/livez", headers: { "x-request-id": unsafe } });
      expect(response.headers["x-request-id"]).toMatch(UUID);
    }
    const longest = "b".repeat(64);
    expect(
      (await app.inject({ url: "/livez", headers: { "x-request-id": longest } })).headers["x-request-id"],
    ).toBe(longest);
  });

  it("keeps the ids of concurrent requests apart", async () => {
    const responses = await Promise.all(
      PARALLEL.map((i) =>
        login({ requestId: `parallel-${i}`, email: `user${i}@northwind.test`, ip: `192.0.2.${10 + i}` }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(PARALLEL.map(() => 200));
    for (const i of PARALLEL) expect(await auditsOf(`parallel-${i}`)).toEqual(["Auth.Login"]);
  });
});
