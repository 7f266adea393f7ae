import { createApiKey, hashPassword } from "@portico/auth";
import { systemClock } from "@portico/core";
import { Customer, CustomerUser, EmailMessage, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance, InjectOptions } from "fastify";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "./env.js";
import { createLogger } from "./logger.js";
import { buildTestApp } from "./test/build-test-app.js";

const PASSWORD = "correct-horse-battery-1";
const NEW_PASSWORD = "staple-gun-lantern-2";
const EMAIL = "billing@northwind.test";

/** Every line the server's pino logger writes, as text, at the most verbose level. */
function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ LOG_LEVEL: "trace", NODE_ENV: "production" }, { pretty: false, destination });
  return { logger, lines };
}

const cookieOf = (response: { headers: Record<string, unknown> }) =>
  String(response.headers["set-cookie"]).split(";")[0]!;

describe("secrets never reach the server log", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let apiKey: string;
  const logs = captureLogs();
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const customer = em.create(Customer, {
      merchant,
      name: "Northwind Traders",
      currency: "USD",
      externalId: "acct_northwind",
    });
    em.create(CustomerUser, {
      merchant,
      customer,
      email: EMAIL,
      role: "admin",
      passwordHash: await hashPassword(PASSWORD),
    });
    await em.flush();
    ({ key: apiKey } = await createApiKey(em, systemClock, {
      merchantId: merchant.id,
      name: "logs",
      mode: "test",
    }));
    await em.flush();
    app = await buildTestApp(db.orm, {
      env: readServerEnv({ PUBLIC_URL: "https://billing.acme.test" }),
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const requests: string[] = [];
  const send = async (options: InjectOptions & { url: string }) => {
    const response = await app.inject(options);
    requests.push(String(response.headers["x-request-id"]));
    return response;
  };
  const post = (path: string, payload: object, headers: Record<string, string> = {}) =>
    send({
      method: "POST",
      url: `/trpc/${path}`,
      headers: { "content-type": "application/json", ...headers },
      payload,
    });
  const latestEmail = async (template: string) => {
    const [email] = await db.em().find(EmailMessage, { template }, { orderBy: { id: "desc" }, limit: 1 });
    return email!.text;
  };

  it("logs every request with its id but no credential, cookie, password, link secret or code", async () => {
    const secrets: string[] = [apiKey, apiKey.slice("sk_test_".length), PASSWORD, NEW_PASSWORD];
    const bearer = { authorization: `Bearer ${apiKey}` };

    // An API key creates a portal link; its secret is in the URL path.
    const link = await post("integration.portalSessions.create", { customer: "acct_northwind" }, bearer);
    expect(link.statusCode).toBe(200);
    const linkUrl = new URL((link.json() as { result: { data: { url: string } } }).result.data.url);
    const linkSecret = linkUrl.pathname.split("/").pop()!;
    secrets.push(linkSecret);
    // A wrong key is logged no more than a right one.
    const wrongKey = `sk_test_${"z".repeat(32)}`;
    secrets.push(wrongKey);
    expect(
      (
        await post(
          "integration.portalSessions.create",
          { customer: "x" },
          { authorization: `Bearer ${wrongKey}` },
        )
      ).statusCode,
    ).toBe(401);

    // The landing page, then the portal spends the link secret for a session cookie.
    await send({ method: "GET", url: linkUrl.pathname });
    const redeemed = await post("auth.portal.redeemLink", { secret: linkSecret });
    expect(redeemed.statusCode).toBe(200);
    const linkCookie = cookieOf(redeemed);
    secrets.push(linkCookie, linkCookie.split("=")[1]!);
    const me = await send({
      method: "GET",
      url: "/trpc/auth.portal.session",
      headers: { cookie: linkCookie },
    });
    expect(me.statusCode).toBe(200);

    // A password login, and a batched query carrying its cookie.
    const login = await post("auth.portal.login", { email: EMAIL, password: PASSWORD });
    expect(login.statusCode).toBe(200);
    const loginCookie = cookieOf(login);
    secrets.push(loginCookie, loginCookie.split("=")[1]!);
    const batch = await send({
      method: "GET",
      url: `/trpc/auth.portal.session,auth.portal.sessions.list?batch=1&input=${encodeURIComponent("{}")}`,
      headers: { cookie: loginCookie },
    });
    expect(batch.statusCode).toBe(200);

    // An e-mailed login code, spent once.
    expect((await post("auth.portal.requestLoginCode", { email: EMAIL })).statusCode).toBe(200);
    const code = /\b(\d{6})\b/.exec(await latestEmail("login_code"))![1]!;
    const verified = await post("auth.portal.verifyLoginCode", { email: EMAIL, code });
    expect(verified.statusCode).toBe(200);
    const codeCookie = cookieOf(verified);
    secrets.push(codeCookie, codeCookie.split("=")[1]!);

    // A reset link: its token travels in the query string, then in a body.
    expect((await post("auth.portal.requestPasswordReset", { email: EMAIL })).statusCode).toBe(200);
    const resetToken = /[?&]token=([a-z2-7]+)/.exec(await latestEmail("password_reset"))![1]!;
    secrets.push(resetToken);
    await send({ method: "GET", url: `/portal/reset?token=${resetToken}` });
    const reset = await post("auth.portal.resetPassword", { token: resetToken, newPassword: NEW_PASSWORD });
    expect(reset.statusCode).toBe(200);

    const output = logs.lines.join("\n");
    for (const secret of secrets) expect(output).not.toContain(secret);
    // Six digits could occur by chance inside a timestamp; as a token of its own they must not.
    expect(output).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));

    // …while the request lines are all there, tagged with the id each response returned.
    const parsed = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const incoming = parsed.filter((line) => line.msg === "incoming request");
    const completed = parsed.filter((line) => line.msg === "request completed");
    expect(incoming.map((line) => line.reqId)).toEqual(requests);
    expect(completed.map((line) => line.reqId)).toEqual(requests);
    const urls = incoming.map((line) => (line.req as { url: string }).url);
    expect(urls).toContain("/portal/s/[redacted]");
    expect(urls).toContain("/portal/reset?token=[redacted]");
    expect(urls).toContain("/trpc/auth.portal.login");
    expect(urls).toContain("/trpc/auth.portal.session,auth.portal.sessions.list?batch=1&input=[redacted]");
  });
});
