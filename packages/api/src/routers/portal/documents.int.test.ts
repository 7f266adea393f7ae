import { SecretKeyring } from "@portico/auth";
import {
  coreJobHandlers,
  DOWNLOAD_KEY_PURPOSE,
  createDraftInvoice,
  createMailer,
  drainJobs,
  finalizeInvoice,
  fixedClock,
  getCustomerFile,
  SYSTEM_ACTOR,
  verifyDownloadToken,
} from "@portico/core";
import {
  Customer,
  Document,
  DOCUMENT_KINDS,
  EmailMessage,
  Invoice,
  Merchant,
  Statement,
  StoredFile,
  type DocumentKind,
  type PortalFeatures,
} from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { DOCUMENT_KIND_VALUES } from "@portico/validators";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import {
  PORTAL_ORIGIN,
  portalCaller,
  portalMerchant,
  type PortalMerchant,
  type PortalRequest,
} from "../../test/portal.js";

const NOW = new Date("2026-03-10T12:00:00Z");
const clock = fixedClock(NOW);
const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);
const DAY = 86_400_000;

describe("portal.documents", () => {
  let db: TestDatabase;
  let acme: PortalMerchant;
  let alpha: { id: number; publicId: string };
  let beta: { id: number; publicId: string };
  let merchantId: number;
  let alphaInvoice: string;
  let betaInvoice: string;
  /** Alpha's library, newest first (the hidden entry is not in it), and Beta's one entry. */
  const docs = { contract: "", receipt: "", taxForm: "", hidden: "", beta: "" };

  /** A request from the portal, to a server with the encryption key unless `withKeys` is false. */
  const caller = ({ withKeys, ...request }: PortalRequest & { withKeys?: boolean }) =>
    withKeys === false ? portalCaller(db, { clock, secretKeys: null }, request) : acme.caller(request);
  /** A browser that redeemed a portal link for `customer` (with its own configuration if given). */
  const signedIn = async (customer: string, configuration?: string) =>
    (await acme.viaLink(customer, configuration)).documents;
  const withToken = async (customer: string, scopes: ("customer:read" | "invoices:read")[]) =>
    (await acme.withToken(customer, scopes)).documents;
  /** A portal configuration of the merchant with `features` changed from the defaults. */
  const configuration = (features: Partial<PortalFeatures>) => acme.configuration(features);
  /** A library entry of `customer` with a small text file, filed `daysAgo`. */
  const fileDocument = async (
    customer: number,
    input: { kind: DocumentKind; title: string; daysAgo: number; visible?: boolean; invoice?: string },
  ) => {
    const em = db.em();
    const at = new Date(NOW.getTime() - input.daysAgo * DAY);
    const data = Buffer.from(`${input.title}\n`, "utf8");
    const file = em.create(StoredFile, {
      merchant: merchantId,
      customer,
      purpose: input.kind === "receipt" ? "receipt" : "document",
      filename: `${input.kind}.txt`,
      contentType: "text/plain; charset=utf-8",
      byteSize: data.byteLength,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
      createdAt: at,
    });
    const invoice = input.invoice ? await em.findOneOrFail(Invoice, { publicId: input.invoice }) : null;
    const document = em.create(Document, {
      merchant: merchantId,
      customer,
      kind: input.kind,
      title: input.title,
      description: input.kind === "contract" ? "Signed for the Team plan." : null,
      file,
      invoice: invoice?.id ?? null,
      visibleToCustomer: input.visible ?? true,
      createdAt: at,
      updatedAt: at,
    });
    await em.flush();
    return document.publicId;
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
    merchantId = merchant.id;
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
    acme = await portalMerchant(db, { clock, merchantId: merchant.id, secretKeys: keys });
    docs.contract = await fileDocument(alpha.id, {
      kind: "contract",
      title: "Master agreement",
      daysAgo: 30,
    });
    docs.hidden = await fileDocument(alpha.id, {
      kind: "other",
      title: "Internal note",
      daysAgo: 20,
      visible: false,
    });
    docs.receipt = await fileDocument(alpha.id, {
      kind: "receipt",
      title: "Receipt for onboarding",
      daysAgo: 2,
      invoice: alphaInvoice,
    });
    docs.taxForm = await fileDocument(alpha.id, { kind: "tax_form", title: "Form W-9", daysAgo: 10 });
    docs.beta = await fileDocument(beta.id, { kind: "contract", title: "Beta order form", daysAgo: 5 });
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
    expect(await failure(profileOnly.library({}))).toBe(refused);
    expect(await failure(profileOnly.download({ document: docs.beta }))).toBe(refused);
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
      firstDay: "2026-03-01",
      lastDay: "2026-03-10",
      requestedBy: null,
    });
    expect(requested).not.toHaveProperty("error");
    expect((await documents.statements()).data.map((s) => s.id)).toEqual([requested.id]);
    expect(await documents.statement({ id: requested.id })).toMatchObject({
      status: "queued",
      download: null,
    });

    const mailer = createMailer({ from: "Portico <no-reply@portico.test>", log: () => {} });
    await drainJobs(db.orm, { clock, handlers: coreJobHandlers({ mailer, publicUrl: PORTAL_ORIGIN }) });
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
    const cookies = await acme.linkSession(alpha.publicId);
    expect(
      await failure(
        caller({ cookies, withKeys: false }).portal.documents.invoicePdf({ invoice: alphaInvoice }),
      ),
    ).toBe("INTERNAL_SERVER_ERROR ENCRYPTION_KEY_MISSING");
  });

  it("keeps its document kinds equal to the database's", () => {
    expect([...DOCUMENT_KIND_VALUES]).toEqual([...DOCUMENT_KINDS]);
  });

  it("lists the customer's visible documents newest first, a keyset page at a time, by kind", async () => {
    const documents = await signedIn(alpha.publicId);
    const first = await documents.library({ limit: 2 });
    expect(first).toMatchObject({ hasMore: true, nextCursor: docs.taxForm });
    expect(first.data).toEqual([
      {
        id: docs.receipt,
        kind: "receipt",
        title: "Receipt for onboarding",
        description: null,
        file: { filename: "receipt.txt", contentType: "text/plain; charset=utf-8", byteSize: 23 },
        invoice: { id: alphaInvoice, number: expect.any(String) },
        createdAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
      },
      expect.objectContaining({ id: docs.taxForm, kind: "tax_form", invoice: null }),
    ]);
    // The hidden entry is not listed.
    const second = await documents.library({ limit: 2, startingAfter: first.nextCursor! });
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    expect(second.data.map((d) => [d.id, d.description])).toEqual([
      [docs.contract, "Signed for the Team plan."],
    ]);
    expect((await documents.library({ kind: "contract" })).data.map((d) => d.id)).toEqual([docs.contract]);
    expect((await documents.library({ kind: "invoice_pdf" })).data).toEqual([]);
    // No numeric ids anywhere.
    expect(JSON.stringify(first)).not.toMatch(/"id":\d/);

    const other = await signedIn(beta.publicId);
    expect((await other.library({})).data.map((d) => d.id)).toEqual([docs.beta]);
  });

  it("refuses bad library input", async () => {
    const documents = await signedIn(alpha.publicId);
    expect(await failure(documents.library({ kind: "memo" } as never))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(documents.library({ limit: 0 }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(documents.library({ startingAfter: "doc_aaaaaaaaaaaaaaaaaaaaaaaa" }))).toBe(
      "BAD_REQUEST INVALID_CURSOR",
    );
    expect(await failure(documents.download({ document: "file_aaaaaaaa" }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
  });

  it("links a library document's own file, and NOT_FOUND for another customer's or a hidden one", async () => {
    const documents = await signedIn(alpha.publicId);
    const link = await documents.download({ document: docs.contract });
    expect(link).toMatchObject({
      url: expect.stringMatching(
        /^http:\/\/localhost:3000\/files\/file_[a-z2-7]+\.cus_[a-z2-7]+\.\d+\.[\w-]{43}$/,
      ),
      expiresAt: new Date(NOW.getTime() + 600_000).toISOString(),
      filename: "contract.txt",
      contentType: "text/plain; charset=utf-8",
    });
    // What GET /files/<token> does: check the token, then read the file as its customer's.
    const claims = verifyDownloadToken(
      keys.deriveKey(DOWNLOAD_KEY_PURPOSE),
      clock,
      link.url.split("/").pop()!,
    );
    expect(claims?.customerId).toBe(alpha.publicId);
    const file = await getCustomerFile(db.em(), {
      filePublicId: claims!.fileId,
      customerPublicId: claims!.customerId,
    });
    expect(file?.data.toString("utf8")).toBe("Master agreement\n");

    expect(await failure(documents.download({ document: docs.beta }))).toBe("NOT_FOUND DOCUMENT_NOT_FOUND");
    expect(await failure(documents.download({ document: docs.hidden }))).toBe("NOT_FOUND DOCUMENT_NOT_FOUND");
    expect(await failure(documents.download({ document: "doc_aaaaaaaaaaaaaaaaaaaaaaaa" }))).toBe(
      "NOT_FOUND DOCUMENT_NOT_FOUND",
    );
  });

  it("answers FEATURE_DISABLED when the configuration turns statements, documents or invoice history off", async () => {
    const before = await db.em().count(Statement, {});
    const noStatements = await signedIn(
      alpha.publicId,
      await configuration({ statements: { enabled: false, formats: ["pdf", "csv", "xlsx"] } }),
    );
    const off = "FORBIDDEN FEATURE_DISABLED";
    expect(await failure(noStatements.statements())).toBe(off);
    expect(await failure(noStatements.statement({ id: "stmt_aaaaaaaaaaaaaaaaaaaaaaaa" }))).toBe(off);
    expect(
      await failure(
        noStatements.requestStatement({ periodStart: "2026-03-01", periodEnd: "2026-03-09", format: "pdf" }),
      ),
    ).toBe(off);
    expect(await db.em().count(Statement, {})).toBe(before);
    // The other parts stay on.
    expect((await noStatements.library({})).data.length).toBe(3);

    const noDocuments = await signedIn(
      alpha.publicId,
      await configuration({ documents: { enabled: false } }),
    );
    expect(await failure(noDocuments.library({}))).toBe(off);
    expect(await failure(noDocuments.download({ document: docs.contract }))).toBe(off);
    expect((await noDocuments.statements()).data).toBeInstanceOf(Array);

    const noInvoices = await signedIn(
      alpha.publicId,
      await configuration({ invoiceHistory: { enabled: false } }),
    );
    expect(await failure(noInvoices.invoicePdf({ invoice: alphaInvoice }))).toBe(off);
  });

  it("refuses a statement format the configuration does not offer, queuing nothing", async () => {
    const pdfOnly = await signedIn(
      beta.publicId,
      await configuration({ statements: { enabled: true, formats: ["pdf"] } }),
    );
    const period = { periodStart: "2026-02-01", periodEnd: "2026-02-28" };
    const before = await db.em().count(Statement, { customer: beta.id });
    for (const format of ["csv", "xlsx"] as const) {
      expect(await failure(pdfOnly.requestStatement({ ...period, format }))).toBe(
        "FORBIDDEN STATEMENT_FORMAT_DISABLED",
      );
    }
    expect(await db.em().count(Statement, { customer: beta.id })).toBe(before);
    expect(await pdfOnly.requestStatement({ ...period, format: "pdf" })).toMatchObject({
      status: "queued",
      format: "pdf",
    });
  });
});
