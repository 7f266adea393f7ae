import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../test/build-test-app.js";

/** A minimal Vite-like build: index.html, a hashed bundle under assets/, a root file. */
async function fakeDist(root: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, "assets"), { recursive: true });
  await writeFile(path.join(dir, "index.html"), `<!doctype html><title>${name}</title><div id="root"></div>`);
  await writeFile(path.join(dir, "assets", "index-abc123.js"), `console.log("${name}");`);
  await writeFile(path.join(dir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  return dir;
}

describe("SPA serving", () => {
  let db: TestDatabase;
  let root: string;
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    root = await mkdtemp(path.join(tmpdir(), "portico-dist-"));
    const spaDist = { portal: await fakeDist(root, "portal"), console: await fakeDist(root, "console") };
    app = await buildTestApp(db.orm, { spaDist });
    unbuilt = await buildTestApp(db.orm);
  });
  afterAll(async () => {
    await app?.close();
    await unbuilt?.close();
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("redirects /portal to /portal/, keeping the query string", async () => {
    const response = await app.inject("/portal?session=ps_123");
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/portal/?session=ps_123");
    expect((await app.inject("/console")).headers.location).toBe("/console/");
  });

  it("serves each SPA's index.html at its root, uncached", async () => {
    for (const name of ["portal", "console"]) {
      const response = await app.inject(`/${name}/`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toContain(`<title>${name}</title>`);
    }
  });

  it("serves hashed assets as immutable and other files as they are", async () => {
    const asset = await app.inject("/portal/assets/index-abc123.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.body).toBe('console.log("portal");');
    expect((await app.inject("/console/favicon.svg")).headers["content-type"]).toMatch(/^image\/svg\+xml/);
  });

  it("falls back to the SPA's own index.html for client-side routes", async () => {
    const portal = await app.inject("/portal/invoices/in_123?tab=lines");
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain("<title>portal</title>");
    const console = await app.inject("/console/customers/cus_1");
    expect(console.body).toContain("<title>console</title>");
  });

  it("answers 404, not HTML, for a missing bundle or a non-GET request", async () => {
    expect((await app.inject("/portal/assets/index-old999.js")).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/portal/anything" })).statusCode).toBe(404);
  });

  it("leaves 404s outside the SPAs alone", async () => {
    const response = await app.inject("/nothing-here");
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
  });

  it("answers 503 with a hint when an SPA has not been built", async () => {
    for (const url of ["/portal/", "/portal/invoices", "/console/"]) {
      const response = await unbuilt.inject(url);
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain("npm run build");
    }
  });
});
