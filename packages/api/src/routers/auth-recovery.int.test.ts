import { hashPassword, PORTAL_SESSION_COOKIE } from "@portico/auth";
import { coreJobHandlers, createMailer, drainJobs, type Clock, type Mailer } from "@portico/core";
import { Customer, CustomerUser, EmailMessage, Job, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { type TRPCError } from "@trpc/server";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memoryCookies, type MemoryCookies } from "../cookies.js";
import { setPublicUrl } from "../procedures/integration.js";
import { createCaller } from "../root.js";
import { createContextInner, type ContextOptions } from "../trpc.js";

const PASSWORD = "right-password-1";
const ORIGIN = "https://billing.acme.test";

interface Received {
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
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
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

/** A TCP listener that accepts connections and never answers: an SMTP server that hangs. */
async function startBlackHole(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => sockets.length,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The plain-text part of a received message, quoted-printable decoded. */
function plainText(raw: string): string {
  const decoded = raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const start = decoded.indexOf("Content-Type: text/plain");
  const end = decoded.indexOf("Content-Type: text/html");
  return decoded.slice(start, end === -1 ? undefined : end);
}
const codeIn = (m: Received) => /^\s*(\d{6})\s*$/m.exec(plainText(m.raw))?.[1];
const resetTokenIn = (m: Received, surface: string) =>
  new RegExp(`https://billing\\.acme\\.test/${surface}/reset\\?token=([a-z2-7]{32})`).exec(
    plainText(m.raw),
  )?.[1];

describe("auth recovery: login codes, forgot / reset / change password, lockout notice", () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let now = new Date("2026-11-21T10:00:00Z");
  const clock: Clock = { now: () => new Date(now) };

  beforeAll(async () => {
    setPublicUrl(ORIGIN);
    smtp = await startSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: "Portico <no-reply@acme.test>", clock, log: () => {} });
    db = await createTestDatabase();
    const em = db.em();
    const hash = await hashPassword(PASSWORD);
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const alpha = em.create(Customer, { merchant, name: "Alpha Ltd", currency: "USD" });
    const beta = em.create(Customer, { merchant, name: "Beta Inc", currency: "USD" });
    const gamma = em.create(Customer, { merchant, name: "Gamma", currency: "USD" });
    const user = (customer: typeof alpha, email: string) =>
      em.create(CustomerUser, { merchant, customer, email, role: "admin", passwordHash: hash });
    user(alpha, "ann@alpha.test");
    user(alpha, "multi@shared.test");
    user(beta, "multi@shared.test");
    user(gamma, "gus@gamma.test");
    user(gamma, "lou@gamma.test");
    user(gamma, "cara@gamma.test");
    em.create(MerchantUser, {
      merchant,
      email: "adam@acme.test",
      name: "Adam",
      role: "admin",
      passwordHash: hash,
    });
    await em.flush();
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    now = new Date(now.getTime() + 60 * 60_000);
    smtp.received.length = 0;
  });

  const browser = (jar: MemoryCookies = memoryCookies(), extra: Partial<ContextOptions> = {}) => {
    const options = (): ContextOptions => ({
      orm: db.orm,
      clock,
      mailer,
      cookies: jar,
      allowedOrigins: [ORIGIN],
      req: { origin: ORIGIN, ip: "198.51.100.7", userAgent: "vitest" },
      ...extra,
    });
    return { jar, call: () => createCaller(createContextInner(options())) };
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as TRPCError & { cause: { reason?: string; details?: Record<string, unknown> } },
    );
  const emailCount = () => db.em().count(EmailMessage, {});
  /** What the server's job worker does: deliver every e-mail due. */
  const drain = (using: Mailer = mailer) =>
    drainJobs(db.orm, { clock, handlers: coreJobHandlers({ mailer: using }) });
  /** Tables whose text holds `secret` (e-mail bodies and data, job payloads, token hashes). */
  const tablesHolding = async (secret: string) => {
    const hits = await db
      .em()
      .getConnection()
      .execute<{ place: string }[]>(
        `select 'email_message' as place from email_message
          where strpos(text, ?) > 0 or strpos(coalesce(html, ''), ?) > 0 or strpos(coalesce(template_data::text, ''), ?) > 0
         union all select 'job' from job where strpos(payload::text, ?) > 0
         union all select 'one_time_token' from one_time_token where strpos(token_hash, ?) > 0`,
        [secret, secret, secret, secret, secret],
      );
    return [...new Set(hits.map((h) => h.place))];
  };

  it("resets a portal password end to end through a real SMTP listener", async () => {
    const old = browser();
    await old.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    const other = browser();
    await other.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });

    const anon = browser();
    expect(await anon.call().auth.portal.requestPasswordReset({ email: "Ann@Alpha.test" })).toEqual({
      ok: true,
    });
    // The request only queued the message; the job delivers it.
    expect(smtp.received).toHaveLength(0);
    expect(await drain()).toMatchObject({ completed: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["ann@alpha.test"]);
    const token = resetTokenIn(smtp.received[0]!, "portal");
    expect(token).toBeDefined();

    const newPassword = "brand-new-password-2";
    expect(await anon.call().auth.portal.resetPassword({ token: token!, newPassword })).toEqual({ ok: true });

    // Every old session is dead.
    for (const session of [old, other]) {
      expect((await failure(session.call().auth.portal.session()))?.code).toBe("UNAUTHORIZED");
    }
    // The old password is refused, the new one works.
    expect(
      (await failure(anon.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD })))?.code,
    ).toBe("UNAUTHORIZED");
    const fresh = browser();
    await fresh.call().auth.portal.login({ email: "ann@alpha.test", password: newPassword });
    expect(fresh.jar.get(PORTAL_SESSION_COOKIE)).toBeTruthy();
    // The link works once.
    const second = await failure(
      anon.call().auth.portal.resetPassword({ token: token!, newPassword: "third-password-3" }),
    );
    expect(second?.cause.reason).toBe("RESET_LINK_INVALID");

    const audit = await db
      .em()
      .getConnection()
      .execute<{ action: string }[]>(`select action from audit_event where action = 'Auth.PasswordChanged'`);
    expect(audit.length).toBeGreaterThanOrEqual(1);
    // Only the SHA-256 of the link secret is stored.
    const rows = await db
      .em()
      .getConnection()
      .execute<{ token_hash: string }[]>(
        `select token_hash from one_time_token where purpose = 'password_reset'`,
      );
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    // SMTP has the message: the outbox row keeps a masked copy, the job a masked payload.
    expect(await tablesHolding(token!)).toEqual([]);
  });

  it("resets a console password; a link expires after 30 minutes", async () => {
    const anon = browser();
    await anon.call().auth.console.requestPasswordReset({ email: "adam@acme.test" });
    await drain();
    const token = resetTokenIn(smtp.received[0]!, "console");
    expect(token).toBeDefined();
    // A portal reset cannot spend a console link.
    const wrongSurface = await failure(
      anon.call().auth.portal.resetPassword({ token: token!, newPassword: "console-new-pass-1" }),
    );
    expect(wrongSurface?.cause.reason).toBe("RESET_LINK_INVALID");
    now = new Date(now.getTime() + 31 * 60_000);
    const expired = await failure(
      anon.call().auth.console.resetPassword({ token: token!, newPassword: "console-new-pass-1" }),
    );
    expect(expired?.cause.reason).toBe("RESET_LINK_INVALID");

    smtp.received.length = 0;
    await anon.call().auth.console.requestPasswordReset({ email: "adam@acme.test" });
    await drain();
    const next = resetTokenIn(smtp.received[0]!, "console")!;
    await anon.call().auth.console.resetPassword({ token: next, newPassword: "console-new-pass-1" });
    const signedIn = await anon
      .call()
      .auth.console.login({ email: "adam@acme.test", password: "console-new-pass-1" });
    expect(signedIn).toBeTruthy();
  });

  it("answers reset and login-code requests identically for unknown e-mails and sends nothing", async () => {
    const anon = browser();
    const before = await emailCount();
    const unknownCode = await anon.call().auth.portal.requestLoginCode({ email: "nobody@nowhere.test" });
    const unknownReset = await anon.call().auth.portal.requestPasswordReset({ email: "nobody@nowhere.test" });
    const unknownConsole = await anon
      .call()
      .auth.console.requestPasswordReset({ email: "nobody@nowhere.test" });
    expect(await drain()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await emailCount()).toBe(before);

    const knownCode = await anon.call().auth.portal.requestLoginCode({ email: "gus@gamma.test" });
    const knownReset = await anon.call().auth.portal.requestPasswordReset({ email: "gus@gamma.test" });
    const knownConsole = await anon.call().auth.console.requestPasswordReset({ email: "adam@acme.test" });
    expect(unknownCode).toEqual(knownCode);
    expect(unknownReset).toEqual(knownReset);
    expect(unknownConsole).toEqual(knownConsole);
    expect(await drain()).toMatchObject({ completed: 3 });
    expect(smtp.received).toHaveLength(3);
  });

  it("answers without touching SMTP, so a hanging server reveals no account; the job retries later", async () => {
    const hole = await startBlackHole();
    const hanging = createMailer({
      smtpUrl: hole.url,
      from: "x@acme.test",
      clock,
      log: () => {},
      timeouts: { connection: 300, greeting: 300, socket: 300 },
    });
    try {
      const anon = browser(memoryCookies(), { mailer: hanging });
      const known = await anon.call().auth.portal.requestLoginCode({ email: "gus@gamma.test" });
      const unknown = await anon.call().auth.portal.requestLoginCode({ email: "nobody@nowhere.test" });
      expect(known).toEqual(unknown);
      expect(hole.connections()).toBe(0);
      const row = await db
        .em()
        .findOneOrFail(EmailMessage, { to: "gus@gamma.test" }, { orderBy: { id: "desc" } });
      expect(row).toMatchObject({ status: "queued", attempts: 0, error: null });

      // The worker then meets the hanging server: the attempt times out and is retried later.
      expect(await drain(hanging)).toMatchObject({ claimed: 1, retried: 1 });
      expect(hole.connections()).toBe(1);
      const jobs = await db.em().find(Job, { name: "email.send", status: "queued" });
      const job = jobs.find((j) => j.payload.emailId === row.publicId);
      expect(job).toMatchObject({ attempts: 1, runAt: new Date(now.getTime() + 15_000) });
      // Greeting or connection timeout, depending on how loaded the machine is.
      expect(job?.lastError).toMatch(/could not be sent: .*ETIMEDOUT/);
    } finally {
      // Its retry must not reach the next test's SMTP listener.
      await db.em().nativeDelete(Job, { status: "queued" });
      hanging.close();
      await hole.close();
    }
  });

  it("signs in with a code once; only its hash is stored", async () => {
    const anon = browser();
    await anon.call().auth.portal.requestLoginCode({ email: "gus@gamma.test" });
    const queued = await db
      .em()
      .findOneOrFail(EmailMessage, { to: "gus@gamma.test" }, { orderBy: { id: "desc" } });
    await drain();
    const code = codeIn(smtp.received[0]!);
    expect(code).toMatch(/^\d{6}$/);
    // Until SMTP had it, the queued outbox row was the one place holding the code (the job
    // sends from it); once sent, only the masked copy is left.
    expect(queued.text).toContain(code);
    expect(await tablesHolding(code!)).toEqual([]);
    const rows = await db
      .em()
      .getConnection()
      .execute<{ token_hash: string }[]>(
        `select token_hash from one_time_token where purpose = 'login_code'`,
      );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.token_hash).not.toContain(code);
      expect(row.token_hash).toMatch(/^\$argon2id\$/);
    }
    const login = await anon.call().auth.portal.verifyLoginCode({ email: "gus@gamma.test", code: code! });
    expect(login).toMatchObject({ customer: { name: "Gamma" }, user: { email: "gus@gamma.test" } });
    expect(anon.jar.get(PORTAL_SESSION_COOKIE)).toBeTruthy();
    expect(await anon.call().auth.portal.session()).toBeTruthy();

    const again = await failure(
      browser().call().auth.portal.verifyLoginCode({ email: "gus@gamma.test", code: code! }),
    );
    expect(again?.cause.reason).toBe("INVALID_LOGIN_CODE");
  });

  it("refuses a code after 10 minutes", async () => {
    const anon = browser();
    await anon.call().auth.portal.requestLoginCode({ email: "gus@gamma.test" });
    await drain();
    const code = codeIn(smtp.received[0]!)!;
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    const late = await failure(anon.call().auth.portal.verifyLoginCode({ email: "gus@gamma.test", code }));
    expect(late?.cause.reason).toBe("INVALID_LOGIN_CODE");
  });

  it("burns a code after 5 wrong tries", async () => {
    const anon = browser();
    await anon.call().auth.portal.requestLoginCode({ email: "lou@gamma.test" });
    await drain();
    const code = codeIn(smtp.received[0]!)!;
    const wrong = code === "000000" ? "111111" : "000000";
    const tries = await Promise.all(
      Array.from({ length: 5 }, () =>
        failure(anon.call().auth.portal.verifyLoginCode({ email: "lou@gamma.test", code: wrong })),
      ),
    );
    expect(tries.every((e) => e?.cause.reason === "INVALID_LOGIN_CODE")).toBe(true);
    const right = await failure(anon.call().auth.portal.verifyLoginCode({ email: "lou@gamma.test", code }));
    expect(right?.cause.reason).toBe("INVALID_LOGIN_CODE");
  });

  it("sends one code for an e-mail on several customers and asks which one after it verified", async () => {
    const anon = browser();
    await anon.call().auth.portal.requestLoginCode({ email: "multi@shared.test" });
    await drain();
    expect(smtp.received).toHaveLength(1);
    const code = codeIn(smtp.received[0]!)!;
    const wrong = await failure(
      anon.call().auth.portal.verifyLoginCode({
        email: "multi@shared.test",
        code: code === "000000" ? "111111" : "000000",
      }),
    );
    expect(wrong?.cause.reason).toBe("INVALID_LOGIN_CODE");
    expect(wrong?.cause.details).toBeUndefined();
    const choice = await failure(
      anon.call().auth.portal.verifyLoginCode({ email: "multi@shared.test", code }),
    );
    expect(choice?.code).toBe("CONFLICT");
    expect(choice?.cause.reason).toBe("CUSTOMER_CHOICE_REQUIRED");
    const customers = (choice?.cause.details as { customers: { customer: string; name: string }[] })
      .customers;
    expect(customers.map((c) => c.name).sort()).toEqual(["Alpha Ltd", "Beta Inc"]);
    const beta = customers.find((c) => c.name === "Beta Inc")!;
    const login = await anon
      .call()
      .auth.portal.verifyLoginCode({ email: "multi@shared.test", code, customer: beta.customer });
    expect(login).toMatchObject({ customer: { name: "Beta Inc" } });
  });

  it("changes the password of a signed-in portal user and ends the other sessions", async () => {
    const me = browser();
    const other = browser();
    await me.call().auth.portal.login({ email: "lou@gamma.test", password: PASSWORD });
    await other.call().auth.portal.login({ email: "lou@gamma.test", password: PASSWORD });
    const wrong = await failure(
      me
        .call()
        .auth.portal.changePassword({ currentPassword: "not-it-at-all", newPassword: "lou-new-password" }),
    );
    expect(wrong?.cause.reason).toBe("INVALID_CURRENT_PASSWORD");
    const changed = await me
      .call()
      .auth.portal.changePassword({ currentPassword: PASSWORD, newPassword: "lou-new-password" });
    expect(changed).toEqual({ ok: true, sessionsRevoked: 1 });
    expect(await me.call().auth.portal.session()).toBeTruthy();
    expect((await failure(other.call().auth.portal.session()))?.code).toBe("UNAUTHORIZED");
    await browser().call().auth.portal.login({ email: "lou@gamma.test", password: "lou-new-password" });
    // The failed attempt was counted, then cleared by the change.
    const [row] = await db
      .em()
      .getConnection()
      .execute<{ failed_login_count: number }[]>(
        `select failed_login_count from customer_user where email = 'lou@gamma.test'`,
      );
    expect(row!.failed_login_count).toBe(0);
  });

  it("e-mails one lockout notice when an account gets locked", async () => {
    const anon = browser();
    for (let i = 0; i < 7; i++) {
      await failure(anon.call().auth.portal.login({ email: "gus@gamma.test", password: "wrong-password-x" }));
    }
    const locked = await failure(
      anon.call().auth.portal.login({ email: "gus@gamma.test", password: PASSWORD }),
    );
    expect(locked?.cause.reason).toBe("ACCOUNT_LOCKED");
    await drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["gus@gamma.test"]);
    expect(smtp.received[0]!.raw).toMatch(/locked/i);
    // A code does not get around the lock either.
    smtp.received.length = 0;
    await anon.call().auth.portal.requestLoginCode({ email: "gus@gamma.test" });
    await drain();
    const code = codeIn(smtp.received[0]!)!;
    const viaCode = await failure(anon.call().auth.portal.verifyLoginCode({ email: "gus@gamma.test", code }));
    expect(viaCode?.cause.reason).toBe("ACCOUNT_LOCKED");
  });

  it("e-mails one lockout notice when wrong current passwords lock the account", async () => {
    const me = browser();
    await me.call().auth.portal.login({ email: "cara@gamma.test", password: PASSWORD });
    const change = () =>
      failure(
        me
          .call()
          .auth.portal.changePassword({ currentPassword: "not-my-password", newPassword: "cara-new-pass" }),
      );
    const reasons = [];
    for (let i = 0; i < 7; i++) reasons.push((await change())?.cause.reason);
    expect(reasons).toEqual([
      ...Array<string>(5).fill("INVALID_CURRENT_PASSWORD"),
      "ACCOUNT_LOCKED",
      "ACCOUNT_LOCKED",
    ]);
    await drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(["cara@gamma.test"]);
    expect(plainText(smtp.received[0]!.raw)).toMatch(/locked/i);
    const locks = await db
      .em()
      .getConnection()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from audit_event where action = 'Auth.Locked' and target_id = (select public_id from customer_user where email = 'cara@gamma.test')`,
      );
    expect(locks[0]?.n).toBe(1);
  });
});
