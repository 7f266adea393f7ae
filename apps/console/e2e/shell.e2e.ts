import { type BrowserSession, baseUrl, launchBrowser } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("console shell", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("shows the seeded merchant's console and the server version, at sign-in for visitors", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/console/`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(await page.title()).toBe("Acme Cloud console");
    expect(await page.locator(".pt-brand__name").textContent()).toBe("Acme Cloud");
    await page.getByText(/^Portico \S+$/).waitFor();
  });

  it("serves a deep link through the SPA fallback", async () => {
    const page = await session.newPage();
    const response = await page.goto(`${baseUrl()}/console/customers/cus_123`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    expect(await page.locator(".pt-brand__name").textContent()).toBe("Acme Cloud");
  });
});
