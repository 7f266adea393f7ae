import { type BrowserSession, baseUrl, launchBrowser } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${baseUrl()}/console/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("console sign-in", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("signs an admin in to the dashboard and out again", async () => {
    const page = await session.newPage();
    await signIn(page, "admin@acme.test", "portico-demo-admin");
    await page.getByRole("heading", { level: 1, name: "Welcome, Marcus Chen" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.goto(`${baseUrl()}/console/`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/login");
  });

  it("shows an inline error for a wrong password", async () => {
    const page = await session.newPage();
    await signIn(page, "support@acme.test", "not-the-password");
    await page.getByRole("alert").getByText("The email address or password is incorrect.").waitFor();
  });

  it("sends visitors without a session from the MFA page to sign in", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/console/mfa`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/login");
  });
});
