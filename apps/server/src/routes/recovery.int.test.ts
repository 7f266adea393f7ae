import { hashPassword } from "@portico/auth";
import { Customer, CustomerUser, EmailMessage, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "../env.js";
import { buildTestApp } from "../test/build-test-app.js";

const PUBLIC_URL = "https://billing.acme.test";

/** A real SMTP listener on 127.0.0.1 that keeps the raw messages it receives. */
async function startSmtp() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits for the server's job worker to hand `count` messages to the listener. */
async function waitForMail(received: string[], count: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (received.length < count) {
    if (Date.now() > until) throw new Error(`${received.length} of ${count} e-mails after ${ms} ms`);
    await sleep(20);
  }
}

const decode = (raw: string) =>
  raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe("e-mail through the server's job worker: SMTP_URL, EMAIL_FROM, outbox", () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let withSmtp: FastifyInstance;
  let outboxOnly: FastifyInstance;
  beforeAll(async () => {
    smtp = await startSmtp();
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const customer = em.create(Customer, { merchant, name: "Northwind", currency: "USD" });
    em.create(CustomerUser, {
      merchant,
      customer,
      email: "billing@northwind.test",
      role: "admin",
      passwordHash: await hashPassword("old-password-123"),
    });
    await em.flush();
    withSmtp = await buildTestApp(db.orm, {
      env: readServerEnv({
        PUBLIC_URL,
        SMTP_URL: smtp.url,
        EMAIL_FROM: "Billing <billing@acme.test>",
        JOB_POLL_INTERVAL_MS: "50",
      }),
    });
    // One worker per database here: processes sharing a queue must share their SMTP settings.
    outboxOnly = await buildTestApp(db.orm, { env: readServerEnv({ PUBLIC_URL, JOB_WORKER: "off" }) });
  });
  afterAll(async () => {
    await withSmtp?.close();
    await outboxOnly?.close();
    await smtp?.close();
    await db?.close();
  });

  const post = (app: FastifyInstance, path: string, payload: object) =>
    app.inject({
      method: "POST",
      url: `/trpc/${path}`,
      headers: { "content-type": "application/json", origin: PUBLIC_URL },
      payload,
    });

  it("sends the reset link by SMTP from EMAIL_FROM's address, and the link resets the password", async () => {
    const requested = await post(withSmtp, "auth.portal.requestPasswordReset", {
      email: "billing@northwind.test",
    });
    expect(requested.statusCode).toBe(200);
    await waitForMail(smtp.received, 1);
    expect(smtp.received).toHaveLength(1);
    const message = decode(smtp.received[0]!);
    expect(message).toMatch(/^From: "?Acme Cloud"? <billing@acme\.test>/m);
    const token = /https:\/\/billing\.acme\.test\/portal\/reset\?token=([a-z2-7]{32})/.exec(message)?.[1];
    expect(token).toBeDefined();

    const reset = await post(withSmtp, "auth.portal.resetPassword", {
      token,
      newPassword: "new-password-456",
    });
    expect(reset.statusCode).toBe(200);
    const again = await post(withSmtp, "auth.portal.resetPassword", {
      token,
      newPassword: "new-password-789",
    });
    expect(again.statusCode).toBe(400);
    const login = await post(withSmtp, "auth.portal.login", {
      email: "billing@northwind.test",
      password: "new-password-456",
    });
    expect(login.statusCode).toBe(200);
  });

  it("keeps the message in the outbox when SMTP_URL is unset", async () => {
    const before = await db.em().count(EmailMessage, { template: "login_code" });
    const requested = await post(outboxOnly, "auth.portal.requestLoginCode", {
      email: "billing@northwind.test",
    });
    expect(requested.statusCode).toBe(200);
    const rows = await db.em().find(EmailMessage, { template: "login_code" }, { orderBy: { id: "asc" } });
    expect(rows).toHaveLength(before + 1);
    // Written by the request itself, code and all: the console reads it from there.
    expect(rows.at(-1)?.text).toMatch(/\b\d{6}\b/);
  });
});
