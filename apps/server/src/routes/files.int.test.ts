import { createApiKey, SecretKeyring } from "@portico/auth";
import {
  createDownloadToken,
  createDraftInvoice,
  createMailer,
  DOWNLOAD_KEY_PURPOSE,
  finalizeInvoice,
  generateStatement,
  SYSTEM_ACTOR,
} from "@portico/core";
import { Customer, Merchant, StoredFile } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "../env.js";
import { buildTestApp } from "../test/build-test-app.js";
import { contentDisposition } from "./files.js";

const query = (path: string, input: unknown) =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

describe("GET /files/:token", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let now = new Date("2026-03-10T12:00:00Z").getTime();
  const clock = { now: () => new Date(now) };
  let apiKey: string;
  let alpha: string;
  let beta: string;
  let invoice: string;

  /** A tRPC call of the merchant's backend, over HTTP. */
  const api = async <T>(path: string, input: unknown, method: "GET" | "POST" = "GET"): Promise<T> => {
    const response = await app.inject({
      method,
      url: method === "GET" ? query(path, input) : `/trpc/${path}`,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(method === "POST" ? { "content-type": "application/json" } : {}),
      },
      ...(method === "POST" ? { payload: JSON.stringify(input) } : {}),
    });
    expect(response.statusCode).toBe(200);
    return (response.json() as { result: { data: T } }).result.data;
  };
  const pathOf = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    const a = em.create(Customer, { merchant, name: "Alpha", email: "ap@alpha.test", currency: "EUR" });
    const b = em.create(Customer, { merchant, name: "Beta", currency: "EUR" });
    await em.flush();
    alpha = a.publicId;
    beta = b.publicId;
    invoice = await db.orm.em.fork().transactional(async (tx) => {
      const owner = await tx.findOneOrFail(Customer, a.id);
      const draft = await createDraftInvoice(tx, clock, {
        customer: owner,
        currency: "EUR",
        lines: [{ type: "one_off", description: "Implementation", amount: 9900 }],
        taxRate: null,
      });
      await tx.flush();
      return (await finalizeInvoice(tx, clock, draft, { actor: SYSTEM_ACTOR })).publicId;
    });
    apiKey = (await createApiKey(db.em(), clock, { merchantId: merchant.id, name: "Backend", mode: "test" }))
      .key;
    app = await buildTestApp(db.orm, { clock, env: readServerEnv({ JOB_WORKER: "off" }) });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("serves the file a link from the API names, as a private attachment with its SHA-256 as ETag", async () => {
    const link = await api<{ url: string; filename: string }>("integration.documents.invoicePdf", {
      invoice,
    });
    const response = await app.inject(pathOf(link.url));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(contentDisposition(link.filename));
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="INV-0001-[0-9a-f]{12}\.pdf"/,
    );
    expect(response.headers["cache-control"]).toBe("private, no-store");
    expect(response.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const sha256 = createHash("sha256").update(response.rawPayload).digest("hex");
    expect(response.headers.etag).toBe(`"${sha256}"`);
    expect(Number(response.headers["content-length"])).toBe(response.rawPayload.length);
    const stored = await db.em().findOneOrFail(StoredFile, { sha256 });
    expect(stored.byteSize).toBe(response.rawPayload.length);

    const again = await app.inject({ url: pathOf(link.url), headers: { "if-none-match": `"${sha256}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it("answers 404, never 500, for tampered, expired, garbled and other customers' tokens", async () => {
    const link = await api<{ url: string }>("integration.documents.invoicePdf", { invoice });
    const token = pathOf(link.url).split("/").pop()!;
    const [fileId, customerId, expiry, signature] = token.split(".") as [string, string, string, string];
    const notFound = async (path: string) => {
      const response = await app.inject(path);
      expect(response.statusCode).toBe(404);
      expect(response.headers["cache-control"]).toBe("private, no-store");
      expect(response.body).toBe("Not found\n");
    };
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    await notFound(`/files/${fileId}.${customerId}.${expiry}.${flipped}`);
    await notFound(`/files/${fileId}.${customerId}.${Number(expiry) + 3600}.${signature}`);
    await notFound(`/files/${fileId}.${beta}.${expiry}.${signature}`);
    await notFound("/files/not-a-token");
    await notFound(`/files/${"x".repeat(3000)}`);

    // Signed with the server's key but naming the other customer: that customer has no such file.
    const serverKey = new SecretKeyring(TEST_ENCRYPTION_KEY).deriveKey(DOWNLOAD_KEY_PURPOSE);
    const forBeta = createDownloadToken(serverKey, clock, {
      fileId,
      customerId: beta,
      expiresInSeconds: 600,
    });
    await notFound(`/files/${forBeta.token}`);
    // The same claims signed with another key.
    const otherKey = new SecretKeyring(Buffer.alloc(32, 7).toString("base64")).deriveKey(
      DOWNLOAD_KEY_PURPOSE,
    );
    await notFound(
      `/files/${createDownloadToken(otherKey, clock, { fileId, customerId: alpha, expiresInSeconds: 600 }).token}`,
    );

    expect((await app.inject(`/files/${token}`)).statusCode).toBe(200);
    now += 10 * 60_000; // the link lives ten minutes
    await notFound(`/files/${token}`);
  });

  it("downloads a statement the API reports ready", async () => {
    const requested = await api<{ id: string }>(
      "integration.documents.requestStatement",
      { customer: alpha, periodStart: "2026-03-01", periodEnd: "2026-03-10", format: "csv" },
      "POST",
    );
    const mailer = createMailer({ from: "Portico <no-reply@portico.test>", log: () => {} });
    await generateStatement(db.em(), clock, { mailer, publicUrl: "http://localhost:3000" }, requested.id);
    await mailer.close();
    const ready = await api<{ download: { url: string } }>("integration.documents.getStatement", {
      id: requested.id,
    });
    const response = await app.inject(pathOf(ready.download.url));
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toContain(
      'filename="statement-2026-03-01_2026-03-10.csv"',
    );
    expect(response.body).toContain("Opening balance");
    expect(response.body).toContain("99.00");
  });

  it("spells unusual file names safely", () => {
    expect(contentDisposition('Relevé "mars".pdf')).toBe(
      `attachment; filename="Releve _mars_.pdf"; filename*=UTF-8''Relev%C3%A9%20%22mars%22.pdf`,
    );
  });
});
