import { EmailMessage, Job, Merchant, type IJob } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { createServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../clock.js";
import { coreJobHandlers } from "../jobs/core-handlers.js";
import { drainJobs } from "../jobs/run.js";
import { createMailer, type EmailLogFields, type Mailer } from "./mailer.js";
import { REDACTED, sendTemplate } from "./send.js";
import { EMAIL_SEND_JOB, EMAIL_SEND_MAX_ATTEMPTS } from "./send-job.js";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP listener on 127.0.0.1 (no TLS, no auth) that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@")) {
        callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bind, note it, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Minimal MIME reading for the test: header value and the decoded text/html parts. */
function parseMessage(raw: string): { header(name: string): string | undefined; text: string; html: string } {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const headers = head.replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(headers)?.[1];
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  const parts: Record<string, string> = {};
  const body = rest.join("\r\n\r\n");
  for (const part of boundary ? body.split(`--${boundary}`) : []) {
    const [partHead = "", ...partBody] = part.replace(/^\r\n/, "").split("\r\n\r\n");
    const type = /content-type: ([^;\r\n]+)/i.exec(partHead)?.[1];
    if (!type) continue;
    let content = partBody.join("\r\n\r\n");
    if (/content-transfer-encoding: quoted-printable/i.test(partHead))
      content = decodeQuotedPrintable(content);
    if (/content-transfer-encoding: base64/i.test(partHead))
      content = Buffer.from(content, "base64").toString("utf8");
    parts[type.toLowerCase()] = content;
  }
  return { header, text: parts["text/plain"] ?? "", html: parts["text/html"] ?? "" };
}

function decodeQuotedPrintable(value: string): string {
  const joined = value.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

const hostile = { merchantName: "<script>alert(1)</script> Acme", primaryColor: "#0a7cff" };

describe("mailer: queued in the request, delivered by the email.send job", () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let merchantId: number;
  let now = new Date("2026-11-21T10:00:00Z").getTime();
  const clock: Clock = { now: () => new Date(now) };
  const mailers: Mailer[] = [];
  const mailerFor = (smtpUrl: string | undefined, log: (message: string, fields: EmailLogFields) => void) => {
    const mailer = createMailer({ smtpUrl, from: "Portico <billing@portico.test>", clock, log });
    mailers.push(mailer);
    return mailer;
  };
  const drain = (mailer: Mailer) => drainJobs(db.orm, { clock, handlers: coreJobHandlers({ mailer }) });
  const jobOf = async (emailId: string): Promise<IJob> => {
    const jobs = await db.em().find(Job, { name: EMAIL_SEND_JOB });
    const found = jobs.find((job) => job.payload.emailId === emailId);
    if (!found) throw new Error(`no email.send job for ${emailId}`);
    return found;
  };

  beforeAll(async () => {
    [db, smtp] = await Promise.all([createTestDatabase(), startSmtp()]);
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    await em.flush();
    merchantId = merchant.id;
  });
  afterAll(async () => {
    for (const mailer of mailers) mailer.close();
    await smtp?.close();
    await db?.close();
  });
  beforeEach(async () => {
    // A day later, with no retry of an earlier test still waiting.
    now += 24 * 60 * 60_000;
    await db.em().nativeDelete(Job, {});
  });

  it("queues without touching SMTP, then the job delivers, escapes the merchant name and keeps only a masked copy", async () => {
    const lines: EmailLogFields[] = [];
    const mailer = mailerFor(smtp.url, (_message, fields) => lines.push(fields));
    expect(mailer.mode).toBe("smtp");
    const result = await sendTemplate(db.em(), mailer, {
      merchant: hostile,
      merchantId,
      to: " Jane@Example.COM ",
      template: "password_reset",
      data: { resetUrl: "https://portal.acme.test/reset?token=s3cret-token" },
    });
    expect(result).toEqual({ id: expect.stringMatching(/^eml_/), status: "queued" });
    expect(smtp.received).toHaveLength(0);
    expect(lines).toEqual([]);
    // Until SMTP has it, the row holds the message the job will send.
    const queued = await db.em().findOneOrFail(EmailMessage, { publicId: result.id });
    expect(queued).toMatchObject({ status: "queued", attempts: 0, to: "jane@example.com" });
    expect(queued.text).toContain("s3cret-token");
    const job = await jobOf(result.id);
    expect(job).toMatchObject({
      status: "queued",
      maxAttempts: EMAIL_SEND_MAX_ATTEMPTS,
      runAt: new Date(now),
    });
    expect(job.merchant?.id).toBe(merchantId);
    expect(JSON.stringify(job.payload)).not.toContain("s3cret-token");

    expect(await drain(mailer)).toMatchObject({ claimed: 1, completed: 1 });
    expect(smtp.received).toHaveLength(1);
    const [delivered] = smtp.received;
    expect(delivered?.to).toEqual(["jane@example.com"]);
    expect(delivered?.from).toBe("billing@portico.test");
    const message = parseMessage(delivered?.raw ?? "");
    expect(message.header("Subject")).toBe("Reset your <script>alert(1)</script> Acme password");
    expect(message.header("To")).toBe("jane@example.com");
    expect(message.text).toContain("https://portal.acme.test/reset?token=s3cret-token");
    expect(message.text).toContain("30 minutes");
    expect(message.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Acme");
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("#0a7cff");

    const row = await db.em().findOneOrFail(EmailMessage, { publicId: result.id });
    expect(row).toMatchObject({
      status: "sent",
      to: "jane@example.com",
      subject: "Reset your <script>alert(1)</script> Acme password",
      template: "password_reset",
      attempts: 1,
      error: null,
      messageId: expect.stringMatching(/^<.+>$/),
      sentAt: new Date(now),
    });
    expect(row.merchant?.id).toBe(merchantId);
    expect(row.from).toBe(`"<script>alert(1)</script> Acme" <billing@portico.test>`);
    // Delivered by SMTP: the outbox keeps no usable reset link.
    expect(row.text).not.toContain("s3cret-token");
    expect(row.text).toContain(REDACTED);
    expect(row.html).not.toContain("s3cret-token");
    expect(row.templateData).toMatchObject({ resetUrl: REDACTED });
    expect((await jobOf(result.id)).status).toBe("completed");
    expect(JSON.stringify(lines)).not.toContain("s3cret-token");
    expect(lines).toEqual([
      expect.objectContaining({ status: "sent", emailId: result.id, template: "password_reset" }),
    ]);
  });

  it("retries while SMTP is down, then leaves the row failed with the error and no code", async () => {
    const lines: EmailLogFields[] = [];
    const mailer = mailerFor(`smtp://127.0.0.1:${await closedPort()}`, (_m, fields) => lines.push(fields));
    const result = await sendTemplate(db.em(), mailer, {
      merchant: hostile,
      to: "jane@example.com",
      template: "login_code",
      data: { code: "123456" },
    });
    expect(result.status).toBe("queued");

    expect(await drain(mailer)).toMatchObject({ claimed: 1, retried: 1 });
    let job = await jobOf(result.id);
    expect(job).toMatchObject({ status: "queued", attempts: 1, runAt: new Date(now + 15_000) });
    expect(job.lastError).toMatch(/EMAIL_DELIVERY_FAILED|ECONNREFUSED/);
    let row = await db.em().findOneOrFail(EmailMessage, { publicId: result.id });
    expect(row).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(row.error).toMatch(/ECONNREFUSED/);

    // Each retry waits twice as long; after the last one the message is given up.
    for (let attempt = 2; attempt <= EMAIL_SEND_MAX_ATTEMPTS; attempt++) {
      now = job.runAt.getTime();
      expect(await drain(mailer)).toMatchObject({ claimed: 1 });
      job = await jobOf(result.id);
    }
    expect(job).toMatchObject({ status: "failed", attempts: EMAIL_SEND_MAX_ATTEMPTS });
    expect(job.lastError).toMatch(/ECONNREFUSED/);
    row = await db.em().findOneOrFail(EmailMessage, { publicId: result.id });
    expect(row).toMatchObject({ status: "failed", attempts: EMAIL_SEND_MAX_ATTEMPTS, sentAt: null });
    expect(row.text).not.toContain("123456");
    expect(row.templateData).toMatchObject({ code: REDACTED });
    expect(lines).toHaveLength(EMAIL_SEND_MAX_ATTEMPTS);
    expect(lines.at(-1)).toEqual(expect.objectContaining({ status: "failed", emailId: result.id }));
    expect(JSON.stringify(lines)).not.toContain("123456");
    expect(smtp.received.filter((m) => m.to.includes("jane@example.com"))).toHaveLength(1);
  });

  it("counts a refused recipient as a failed attempt", async () => {
    const mailer = mailerFor(smtp.url, () => {});
    const result = await mailer.send(db.em(), { to: "nobody@example.com", subject: "Hello", text: "Hi" });
    expect(await drain(mailer)).toMatchObject({ claimed: 1, retried: 1 });
    const row = await db.em().findOneOrFail(EmailMessage, { publicId: result.id });
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.error).toMatch(/550/);
    // Without secrets there is no masked copy: the body stays as it was.
    expect(row.text).toBe("Hi");
  });

  it("without SMTP keeps the message in the outbox, and the job logs it without the code", async () => {
    const lines: { message: string; fields: EmailLogFields }[] = [];
    const mailer = mailerFor("", (message, fields) => lines.push({ message, fields }));
    expect(mailer.mode).toBe("outbox");
    const delivered = smtp.received.length;
    const result = await sendTemplate(db.em(), mailer, {
      merchant: { merchantName: "Acme", primaryColor: "#112233" },
      merchantId,
      to: "jane@example.com",
      template: "login_code",
      data: { code: "987654" },
    });
    expect(result.status).toBe("queued");
    expect(lines).toHaveLength(0);
    expect(await drain(mailer)).toMatchObject({ claimed: 1, completed: 1 });
    expect(smtp.received).toHaveLength(delivered);

    const row = await db.em().findOneOrFail(EmailMessage, { publicId: result.id });
    expect(row).toMatchObject({
      status: "queued",
      attempts: 0,
      template: "login_code",
      subject: "Your Acme sign-in code",
    });
    // The outbox is the delivery channel here: the console shows the code.
    expect(row.text).toContain("987654");
    expect(row.html).toContain("#112233");
    expect(row.templateData).toMatchObject({ code: "987654" });

    expect(lines).toEqual([
      {
        message: "email kept in the outbox (no SMTP_URL)",
        fields: {
          emailId: result.id,
          to: "jane@example.com",
          subject: "Your Acme sign-in code",
          template: "login_code",
          status: "queued",
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain("987654");
  });

  it("writes the message and its job with the caller's transaction, or neither", async () => {
    const mailer = mailerFor(smtp.url, () => {});
    const [emails, jobs] = [await db.em().count(EmailMessage), await db.em().count(Job)];
    const error = await db
      .em()
      .transactional(async (em) => {
        await sendTemplate(em, mailer, {
          merchant: hostile,
          to: "jane@example.com",
          template: "login_code",
          data: { code: "555555" },
        });
        throw new Error("the change that caused the e-mail failed");
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await db.em().count(EmailMessage)).toBe(emails);
    expect(await db.em().count(Job)).toBe(jobs);
  });

  it("writes nothing when the template data is invalid", async () => {
    const mailer = mailerFor(undefined, () => {});
    const [emails, jobs] = [await db.em().count(EmailMessage), await db.em().count(Job)];
    await expect(
      sendTemplate(db.em(), mailer, {
        merchant: hostile,
        to: "jane@example.com",
        template: "password_reset",
        data: { resetUrl: "javascript:alert(1)" },
      }),
    ).rejects.toThrow();
    expect(await db.em().count(EmailMessage)).toBe(emails);
    expect(await db.em().count(Job)).toBe(jobs);
  });

  it("refuses an SMTP_URL that is not smtp(s):// without echoing it", () => {
    const error = (() => {
      try {
        createMailer({ smtpUrl: "http://user:hunter2@mail.test", from: "a@b.test", log: () => {} });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ reason: "EMAIL_CONFIG_INVALID" });
    expect((error as Error).message).not.toContain("hunter2");
  });
});
