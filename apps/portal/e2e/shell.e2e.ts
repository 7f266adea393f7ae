import { type BrowserSession, baseUrl, launchBrowser } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("portal shell", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("shows the seeded merchant's billing portal, at sign-in for visitors", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/login");
    expect(await page.locator(".pt-brand__name").textContent()).toBe("Acme Cloud");
    expect(await page.title()).toBe("Acme Cloud billing portal");
    expect(await page.locator("html").getAttribute("lang")).toBe("en-US");
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
  });

  it("serves a deep link through the SPA fallback, inside the shell", async () => {
    const page = await session.newPage();
    const response = await page.goto(`${baseUrl()}/portal/some/deep/link`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    expect(await page.locator(".pt-brand__name").textContent()).toBe("Acme Cloud");
    await page.getByRole("link", { name: "Go to the start page" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/login");
  });

  it("shows an error with a working retry when the API is unreachable", async () => {
    const page = await session.newPage();
    await page.route("**/trpc/**", (route) => route.abort());
    await page.goto(`${baseUrl()}/portal/`);
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor(); // after the query's own retries
    expect(await page.getByRole("alert").textContent()).toContain("Something went wrong");
    await page.unroute("**/trpc/**");
    await retry.click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });

  it("speaks French with ?locale=fr", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/?locale=fr`);
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    expect(await page.title()).toBe("Portail de facturation Acme Cloud");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
  });

  it("fits a 360 px wide screen without horizontal scrolling", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl()}/portal/`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
