import { createApiKey, SecretKeyring } from "@portico/auth";
import {
  createDraftInvoice,
  createMailer,
  finalizeInvoice,
  fixedClock,
  generateStatement,
  SYSTEM_ACTOR,
} from "@portico/core";
import { AuditEvent, Customer, STATEMENT_FORMATS, type EntityManager } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { STATEMENT_FORMAT_VALUES } from "@portico/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../root.js";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";
import { createContextInner } from "../../trpc.js";

const clock = fixedClock("2026-03-10T12:00:00Z");
const keys = new SecretKeyring(TEST_ENCRYPTION_KEY);

describe("integration.documents", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let customer: { id: number; publicId: string };
  let invoice: string;
  let draft: string;
  /** Keys of A and B whose callers have the server's encryption key (twoTenants' have none). */
  const apiKeys = { a: "", b: "", aId: "" };
  const as = (key: string) =>
    createCaller(
      createContextInner({
        orm: db.orm,
        clock,
        auth: { secretKeys: keys },
        req: { authorization: `Bearer ${key}` },
      }),
    ).integration.documents;
  const asA = () => as(apiKeys.a);
  const asB = () => as(apiKeys.b);

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
    const em = db.em();
    const row = em.create(Customer, {
      merchant: a.merchantId,
      externalId: "acct_42",
      name: "Globex",
      email: "ap@globex.test",
      currency: "EUR",
    });
    await em.flush();
    customer = { id: row.id, publicId: row.publicId };
    const make = (finalize: boolean) =>
      db.orm.em.fork().transactional(async (tx: EntityManager) => {
        const owner = await tx.findOneOrFail(Customer, customer.id);
        const created = await createDraftInvoice(tx, clock, {
          customer: owner,
          currency: "EUR",
          lines: [{ type: "one_off", description: "Migration", amount: 50_000 }],
          taxRate: null,
        });
        await tx.flush();
        return (finalize ? await finalizeInvoice(tx, clock, created, { actor: SYSTEM_ACTOR }) : created)
          .publicId;
      });
    invoice = await make(true);
    draft = await make(false);
    const keyOf = (merchantId: number) =>
      createApiKey(db.em(), clock, { merchantId, name: "docs", mode: "test" });
    const forA = await keyOf(a.merchantId);
    Object.assign(apiKeys, { a: forA.key, aId: forA.apiKey.id, b: (await keyOf(b.merchantId)).key });
  });
  afterAll(() => db?.close());

  it("keeps its statement formats equal to the database's", () => {
    expect([...STATEMENT_FORMAT_VALUES]).toEqual([...STATEMENT_FORMATS]);
  });

  it("links an invoice's PDF for its merchant only; a draft has none", async () => {
    expect(await asA().invoicePdf({ invoice })).toMatchObject({
      url: expect.stringContaining("/files/file_"),
      contentType: "application/pdf",
    });
    expect(await failure(asA().invoicePdf({ invoice: draft }))).toBe("CONFLICT INVOICE_NOT_FINALIZED");
    expect(await failure(asB().invoicePdf({ invoice }))).toBe("NOT_FOUND INVOICE_NOT_FOUND");
  });

  it("requests, lists and reads statements of its own customers, with the failure text for merchants", async () => {
    const requested = await asA().requestStatement({
      customer: "acct_42",
      periodStart: "2026-03-01T00:00:00Z",
      periodEnd: "2026-03-10T12:00:01Z",
      format: "xlsx",
      locale: "fr-CA",
    });
    expect(requested).toMatchObject({
      customer: customer.publicId,
      status: "queued",
      locale: "fr-CA",
      periodStart: "2026-03-01T00:00:00.000Z",
      periodEnd: "2026-03-10T12:00:01.000Z",
      error: null,
    });
    expect(
      await db.em().findOne(AuditEvent, { action: "Statement.Requested", targetId: requested.id }),
    ).toMatchObject({
      actorType: "api_key",
      actorId: apiKeys.aId,
    });
    // Another merchant's key cannot ask for, read or list it.
    expect(
      await failure(
        asB().requestStatement({
          customer: customer.publicId,
          periodStart: "2026-03-01",
          periodEnd: "2026-03-09",
          format: "csv",
        }),
      ),
    ).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(asB().getStatement({ id: requested.id }))).toBe("NOT_FOUND STATEMENT_NOT_FOUND");
    expect((await asB().listStatements({})).data).toEqual([]);
    // The merchant must say whose statement it wants.
    expect(
      await failure(
        asA().requestStatement({
          periodStart: "2026-03-01",
          periodEnd: "2026-03-09",
          format: "csv",
        } as never),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");

    const mailer = createMailer({ from: "Portico <no-reply@portico.test>", log: () => {} });
    await generateStatement(db.em(), clock, { mailer, publicUrl: "https://billing.acme.test" }, requested.id);
    await mailer.close();
    const ready = await asA().getStatement({ id: requested.id });
    expect(ready).toMatchObject({
      status: "ready",
      closingBalance: 50_000,
      file: { filename: "statement-2026-03-01_2026-03-10.xlsx" },
      download: { url: expect.stringContaining("/files/file_"), expiresAt: "2026-03-10T12:10:00.000Z" },
    });
    expect((await asA().listStatements({ customer: "acct_42" })).data.map((s) => s.id)).toEqual([
      requested.id,
    ]);
    expect(await failure(asA().listStatements({ customer: "acct_nope" }))).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
  });
});
