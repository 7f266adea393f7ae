import { EmailMessage, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { createServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { createMailer, type EmailLogFields } from "./mailer.js";
import { REDACTED, sendTemplate } from "./send.js";

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

describe("mailer", () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let merchantId: number;

  beforeAll(async () => {
    [db, smtp] = await Promise.all([createTestDatabase(), startSmtp()]);
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    await em.flush();
    merchantId = merchant.id;
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });

  it("delivers through SMTP, escapes the merchant name in HTML and marks the outbox row sent", async () => {
    const lines: EmailLogFields[] = [];
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "Portico <billing@portico.test>",
      log: (_message, fields) => lines.push(fields),
    });
    try {
      expect(mailer.mode).toBe("smtp");
      const result = await sendTemplate(db.em(), mailer, {
        merchant: hostile,
        merchantId,
        to: " Jane@Example.COM ",
        template: "password_reset",
        data: { resetUrl: "https://portal.acme.test/reset?token=s3cret-token" },
      });
      expect(result.status).toBe("sent");

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
        template: "password_reset",
        attempts: 1,
        error: null,
        messageId: result.messageId,
      });
      expect(row.merchant?.id).toBe(merchantId);
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row.from).toBe(`"<script>alert(1)</script> Acme" <billing@portico.test>`);
      // Delivered by SMTP: the outbox keeps no usable reset link.
      expect(row.text).not.toContain("s3cret-token");
      expect(row.html).not.toContain("s3cret-token");
      expect(row.templateData).toMatchObject({ resetUrl: REDACTED });
      expect(JSON.stringify(lines)).not.toContain("s3cret-token");
      expect(lines).toEqual([
        expect.objectContaining({ status: "sent", emailId: result.id, template: "password_reset" }),
      ]);
    } finally {
      mailer.close();
    }
  });

  it("marks the row failed and rejects with EMAIL_DELIVERY_FAILED when SMTP is down", async () => {
    const lines: EmailLogFields[] = [];
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: "billing@portico.test",
      log: (_message, fields) => lines.push(fields),
    });
    try {
      const error = await sendTemplate(db.em(), mailer, {
        merchant: hostile,
        to: "jane@example.com",
        template: "login_code",
        data: { code: "123456" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "EMAIL_DELIVERY_FAILED" });
      const emailId = (error as AppError).details?.emailId as string;

      const row = await db.em().findOneOrFail(EmailMessage, { publicId: emailId });
      expect(row.status).toBe("failed");
      expect(row.attempts).toBe(1);
      expect(row.error).toMatch(/ECONNREFUSED/);
      expect(row.sentAt).toBeNull();
      expect(lines).toEqual([expect.objectContaining({ status: "failed", emailId, error: row.error })]);
      expect(JSON.stringify(lines)).not.toContain("123456");
    } finally {
      mailer.close();
    }
  });

  it("marks the row failed when the SMTP server refuses the recipient", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: "billing@portico.test", log: () => {} });
    try {
      const error = await mailer
        .send(db.em(), { to: "nobody@example.com", subject: "Hello", text: "Hi" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: "EMAIL_DELIVERY_FAILED" });
      const row = await db
        .em()
        .findOneOrFail(EmailMessage, { publicId: (error as AppError).details?.emailId as string });
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/550/);
    } finally {
      mailer.close();
    }
  });

  it("without SMTP keeps the message in the outbox and logs no code", async () => {
    const lines: { message: string; fields: EmailLogFields }[] = [];
    const mailer = createMailer({
      smtpUrl: "",
      from: "billing@portico.test",
      log: (message, fields) => lines.push({ message, fields }),
    });
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

    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toEqual({
      emailId: result.id,
      to: "jane@example.com",
      subject: "Your Acme sign-in code",
      template: "login_code",
      status: "queued",
    });
    expect(JSON.stringify(lines)).not.toContain("987654");
  });

  it("writes nothing when the template data is invalid", async () => {
    const mailer = createMailer({ from: "billing@portico.test", log: () => {} });
    const before = await db.em().count(EmailMessage);
    await expect(
      sendTemplate(db.em(), mailer, {
        merchant: hostile,
        to: "jane@example.com",
        template: "password_reset",
        data: { resetUrl: "javascript:alert(1)" },
      }),
    ).rejects.toThrow();
    expect(await db.em().count(EmailMessage)).toBe(before);
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
