import { type BrowserSession, baseUrl, launchBrowser } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The SPAs fetch one message catalog chunk (app × locale) before the first render.
describe("catalog loading at start", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("loads only the viewer's catalog chunk", async () => {
    const page = await session.newPage();
    const js: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".js")) js.push(new URL(r.url()).pathname);
    });
    await page.goto(`${baseUrl()}/portal/?locale=fr`);
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    expect(js.filter((u) => u.includes("-bundle-")).length).toBe(1);
  });

  it("falls back to English when the French catalog fails to load", async () => {
    const page = await session.newPage();
    let aborted = 0;
    await page.route("**/assets/*-bundle-*.js", async (route) => {
      const body = await (await route.fetch()).text();
      if (body.includes("Connexion")) {
        aborted++;
        return route.abort();
      }
      return route.continue();
    });
    await page.goto(`${baseUrl()}/console/?locale=fr`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(aborted).toBe(1);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
  });

  it("says in French that the page could not load, and reloads", async () => {
    const page = await session.newPage();
    await page.route("**/assets/*-bundle-*.js", (route) => route.abort());
    await page.goto(`${baseUrl()}/portal/login?locale=fr`);
    const retry = page.getByRole("button", { name: "Réessayer" });
    await retry.waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Une erreur est survenue");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.unroute("**/assets/*-bundle-*.js");
    await retry.click();
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
  });
});
