import { type BrowserSession, baseUrl, launchBrowser } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PASSWORD = "portico-demo-customer";

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${baseUrl()}/portal/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const alertText = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

describe("portal sign-in", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("signs in with a password, shows the dashboard, signs out for good", async () => {
    const page = await session.newPage();
    await signIn(page, "billing@northwind.test");
    await page.getByRole("heading", { level: 1, name: "Welcome, Northwind Traders" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/");
    // A password sign-in has no returnUrl, so no "Back to" link.
    expect(await page.getByRole("link", { name: /^Back to/ }).count()).toBe(0);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/login");

    // The cookie is gone and the session ended: protected pages send us back to sign in.
    for (const path of ["/portal/", "/portal/sessions"]) {
      await page.goto(`${baseUrl()}${path}`);
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/portal/login");
    }
  });

  it("shows an inline error for a wrong password and for empty fields", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter your email address.").waitFor();
    expect(await page.getByLabel("Email address").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("email");

    await signIn(page, "dev@northwind.test", "not-the-password");
    await alertText(page).getByText("The email address or password is incorrect.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/login");
  });

  it("says until when the account is locked after 5 failures, even for the right password", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login`);
    await page.getByLabel("Email address").fill("ops@umbrella.test");
    const attempt = async (password: string) => {
      await page.getByLabel("Password").fill(password);
      const answered = page.waitForResponse((r) => r.url().includes("auth.portal.login"));
      await page.keyboard.press("Enter");
      await answered;
    };
    for (let n = 1; n <= 5; n++) {
      await attempt(`wrong-${n}`);
      await alertText(page).getByText("The email address or password is incorrect.").waitFor();
    }
    await attempt(PASSWORD);
    const locked = alertText(page).getByText(/^Account locked until .+\. Try again after that\.$/);
    await locked.waitFor();
    // The time is written for the viewer (en-US: "Nov 21, 2026, 10:35 AM").
    expect(await locked.textContent()).toMatch(/until [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}/);
  });

  it("signs in with the keyboard only, with visible focus", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("name") ?? null);
    for (let i = 0; i < 5 && (await focused()) !== "email"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("email");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.type("billing@northwind.test");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("password");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Welcome, Northwind Traders" }).waitFor();
  });

  it("lists sessions and signs out everywhere else", async () => {
    const other = await session.newPage();
    await signIn(other, "billing@northwind.test");
    await other.getByRole("heading", { level: 1, name: "Welcome, Northwind Traders" }).waitFor();

    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, "billing@northwind.test");
    await page.getByRole("heading", { level: 1, name: "Welcome, Northwind Traders" }).waitFor();
    // On a phone the sections sit behind the Menu button.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Your sessions" }).click();
    await page.getByRole("heading", { level: 1, name: "Your sessions" }).waitFor();
    await page.getByText("This device").waitFor();
    expect(await page.getByText("Chrome on Linux").count()).toBeGreaterThanOrEqual(2);
    expect(
      await page.getByRole("button", { name: /^Sign out Chrome on Linux, last active / }).count(),
    ).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await page
      .getByRole("status")
      .getByText(/^Signed out of \d+ other sessions?\.$/)
      .waitFor();
    await page.getByText("No other device is signed in.").waitFor();

    await other.goto(`${baseUrl()}/portal/sessions`);
    await other.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });

  it("explains an expired or spent link and offers to sign in", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/s/pls_not-a-real-secret`);
    await page
      .getByRole("heading", { level: 1, name: "This link has expired or was already used" })
      .waitFor();
    await page.getByRole("link", { name: "Sign in instead" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/login");
  });

  it("speaks French on the sign-in page", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login?locale=fr`);
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await page.getByLabel("Adresse e-mail").fill("dev@northwind.test");
    await page.getByLabel("Mot de passe").fill("pas-le-bon");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await alertText(page).getByText("L’adresse e-mail ou le mot de passe est incorrect.").waitFor();
  });
});
