import { createApiKey, SecretKeyring } from "@portico/auth";
import {
  coreJobHandlers,
  DOWNLOAD_KEY_PURPOSE,
  createDraftInvoice,
  createMailer,
  drainJobs,
  finalizeInvoice,
  fixedClock,
  SYSTEM_ACTOR,
  verifyDownloadToken,
} from "@portico/core";
import { Customer, EmailMessage, Merchant, Statement, StoredFile } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies } from "../../cookies.js";
import { createCaller } from "../../root.js";
import { failure } from "../../test/failure.js";
import { createContextInner } from "../../trpc.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const clock = fixedClock(NOW);
const ORIGIN = "https://billing.acme.test";
const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);

describe("portal.documents", () => {
  let db: TestDatabase;
  let apiKey: string;
  let alpha: { id: number; publicId: string };
  let beta: { id: number; publicId: string };
  let alphaInvoice: string;
  let betaInvoice: string;

  const caller = (options: {
    authorization?: string;
    cookies?: ReturnType<typeof memoryCookies>;
    withKeys?: boolean;
  }) =>
    createCaller(
      createContextInner({
        orm: db.orm,
        clock,
        cookies: options.cookies ?? memoryCookies(),
        allowedOrigins: [ORIGIN],
        auth: { secretKeys: options.withKeys === false ? null : keys },
        req: {
          origin: ORIGIN,
          authorization: options.authorization ?? null,
          ip: "198.51.100.7",
          userAgent: "vitest",
        },
      }),
    );
  const integration = () => caller({ authorization: `Bearer ${apiKey}` }).integration;
  /** A browser that redeemed a portal link for `customer`. */
  const signedIn = async (customer: string) => {
    const { url } = await integration().portalSessions.create({ customer });
    const cookies = memoryCookies();
    await caller({ cookies }).auth.portal.redeemLink({ secret: url.split("/").pop()! });
    return caller({ cookies }).portal.documents;
  };
  const withToken = async (customer: string, scopes: ("customer:read" | "invoices:read")[]) => {
    const { token } = await integration().customerTokens.create({ customer, scopes, expiresIn: 600 });
    return caller({ authorization: `Bearer ${token}` }).portal.documents;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", timezone: "Europe/Paris" });
    const a = em.create(Customer, {
      merchant,
      name: "Alpha SAS",
      email: "ap@alpha.test",
      locale: "fr",
      currency: "EUR",
    });
    const b = em.create(Customer, { merchant, name: "Beta Ltd", email: "ap@beta.test", currency: "EUR" });
    await em.flush();
    alpha = { id: a.id, publicId: a.publicId };
    beta = { id: b.id, publicId: b.publicId };
    const issue = (customer: number, amount: number) =>
      db.orm.em.fork().transactional(async (tx) => {
        const owner = await tx.findOneOrFail(Customer, customer);
        const draft = await createDraftInvoice(tx, clock, {
          customer: owner,
          currency: "EUR",
          lines: [{ type: "one_off", description: "Onboarding", amount }],
          taxRate: null,
        });
        await tx.flush();
        return (await finalizeInvoice(tx, clock, draft, { actor: SYSTEM_ACTOR })).publicId;
      });
    alphaInvoice = await issue(alpha.id, 12_000);
    betaInvoice = await issue(beta.id, 3400);
    apiKey = (await createApiKey(db.em(), clock, { merchantId: merchant.id, name: "Backend", mode: "test" }))
      .key;
  });
  afterAll(() => db?.close());

  it("hands a signed ten-minute link to the customer's own invoice PDF, and NOT_FOUND for another's", async () => {
    const documents = await signedIn(alpha.publicId);
    const link = await documents.invoicePdf({ invoice: alphaInvoice });
    expect(link).toMatchObject({
      url: expect.stringMatching(
        /^http:\/\/localhost:3000\/files\/file_[a-z2-7]+\.cus_[a-z2-7]+\.\d+\.[\w-]{43}$/,
      ),
      expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
      contentType: "application/pdf",
      filename: expect.stringMatching(/\.pdf$/),
    });
    const claims = verifyDownloadToken(
      keys.deriveKey(DOWNLOAD_KEY_PURPOSE),
      clock,
      link.url.split("/").pop()!,
    );
    expect(claims?.customerId).toBe(alpha.publicId);
    const file = await db.em().findOneOrFail(StoredFile, { publicId: claims!.fileId });
    expect(file.customer?.id).toBe(alpha.id);

    expect(await failure(documents.invoicePdf({ invoice: betaInvoice }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
    expect(await failure(documents.invoicePdf({ invoice: "cus_nope" }))).toBe("BAD_REQUEST INVALID_INPUT");
  });

  it("serves customer tokens with invoices:read, and refuses tokens without it on every procedure", async () => {
    const reader = await withToken(beta.publicId, ["invoices:read"]);
    expect((await reader.invoicePdf({ invoice: betaInvoice })).url).toContain("/files/");
    expect(await reader.statements()).toMatchObject({ data: [], hasMore: false });

    const profileOnly = await withToken(beta.publicId, ["customer:read"]);
    const refused = "FORBIDDEN SCOPE_MISSING";
    expect(await failure(profileOnly.invoicePdf({ invoice: betaInvoice }))).toBe(refused);
    expect(await failure(profileOnly.statements())).toBe(refused);
    expect(await failure(profileOnly.statement({ id: "stmt_aaaaaaaaaaaaaaaaaaaaaaaa" }))).toBe(refused);
    expect(
      await failure(
        profileOnly.requestStatement({ periodStart: "2026-03-01", periodEnd: "2026-03-09", format: "pdf" }),
      ),
    ).toBe(refused);
    expect(await db.em().count(Statement, { customer: beta.id })).toBe(0);
    // No credential at all.
    expect(await failure(caller({}).portal.documents.statements())).toBe("UNAUTHORIZED SESSION_REQUIRED");
  });

  it("requests a statement, lists it, and links its file once the job made it; another customer cannot see it", async () => {
    const documents = await signedIn(alpha.publicId);
    const requested = await documents.requestStatement({
      periodStart: "2026-03-01",
      periodEnd: "2026-03-10",
      format: "csv",
    });
    expect(requested).toMatchObject({
      status: "queued",
      customer: alpha.publicId,
      format: "csv",
      locale: "fr",
      periodStart: "2026-02-28T23:00:00.000Z",
      periodEnd: "2026-03-10T23:00:00.000Z",
      requestedBy: null,
    });
    expect(requested).not.toHaveProperty("error");
    expect((await documents.statements()).data.map((s) => s.id)).toEqual([requested.id]);
    expect(await documents.statement({ id: requested.id })).toMatchObject({
      status: "queued",
      download: null,
    });

    const mailer = createMailer({ from: "Portico <no-reply@portico.test>", log: () => {} });
    await drainJobs(db.orm, { clock, handlers: coreJobHandlers({ mailer, publicUrl: ORIGIN }) });
    await mailer.close();
    const ready = await documents.statement({ id: requested.id });
    expect(ready).toMatchObject({
      status: "ready",
      openingBalance: 0,
      closingBalance: 12_000,
      summary: { invoiced: 12_000, paid: 0, invoiceCount: 1 },
      file: { filename: "statement-2026-03-01_2026-03-10.csv", contentType: "text/csv; charset=utf-8" },
      download: { url: expect.stringContaining("/files/file_") },
    });
    // No login user behind a portal link: the customer's billing address gets the e-mail.
    expect(await db.em().count(EmailMessage, { template: "statement_ready", to: "ap@alpha.test" })).toBe(1);

    const other = await signedIn(beta.publicId);
    expect(await failure(other.statement({ id: requested.id }))).toBe("NOT_FOUND STATEMENT_NOT_FOUND");
    expect((await other.statements()).data).toEqual([]);
  });

  it("refuses bad input and bad periods without writing anything", async () => {
    const documents = await signedIn(alpha.publicId);
    const before = await db.em().count(Statement, {});
    const ask = (input: Record<string, unknown>) =>
      failure(
        documents.requestStatement({
          periodStart: "2026-02-01",
          periodEnd: "2026-02-28",
          format: "pdf",
          ...input,
        } as never),
      );
    expect(await ask({ format: "docx" })).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await ask({ periodStart: "01/02/2026" })).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await ask({ customer: beta.publicId })).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await ask({ periodStart: "2026-03-01" })).toBe("BAD_REQUEST STATEMENT_PERIOD_INVALID");
    expect(await ask({ periodEnd: "2026-03-11" })).toBe("BAD_REQUEST STATEMENT_PERIOD_IN_FUTURE");
    expect(await ask({ periodStart: "2024-01-01" })).toBe("BAD_REQUEST STATEMENT_PERIOD_TOO_LONG");
    expect(await db.em().count(Statement, {})).toBe(before);
  });

  it("cannot sign links without an encryption key", async () => {
    const { url } = await integration().portalSessions.create({ customer: alpha.publicId });
    const cookies = memoryCookies();
    await caller({ cookies }).auth.portal.redeemLink({ secret: url.split("/").pop()! });
    expect(
      await failure(
        caller({ cookies, withKeys: false }).portal.documents.invoicePdf({ invoice: alphaInvoice }),
      ),
    ).toBe("INTERNAL_SERVER_ERROR ENCRYPTION_KEY_MISSING");
  });
});
