import { type BrowserSession, baseUrl, launchBrowser } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromNav, signInToDashboard, statusText } from "./console-pages.js";

const SUPPORT = { email: "support@acme.test", password: "portico-demo-support", name: "Priya Natarajan" };
const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

describe("console sessions", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("lists the user's sessions with device and IP; revoking one signs that browser out", async () => {
    const other = await session.newPage({ userAgent: FIREFOX_ON_WINDOWS });
    await signInToDashboard(other, SUPPORT.email, SUPPORT.password, SUPPORT.name);

    const page = await session.newPage();
    await signInToDashboard(page, SUPPORT.email, SUPPORT.password, SUPPORT.name);
    await openFromNav(page, "Sessions");
    const current = page.getByRole("main").getByRole("listitem").filter({ hasText: "This device" });
    await current.getByText("Chrome on Linux").waitFor();
    await current.getByText("127.0.0.1").waitFor();
    const firefox = page.getByRole("main").getByRole("listitem").filter({ hasText: "Firefox on Windows" });
    expect(await firefox.count()).toBeGreaterThanOrEqual(1);
    expect(await current.getByRole("button").count()).toBe(0);

    // Revoke the newest Firefox session: the one `other` holds.
    await firefox
      .first()
      .getByRole("button", { name: /^Sign out Firefox on Windows, last active / })
      .click();
    await statusText(page).getByText("That session has been signed out.").waitFor();

    await other.goto(`${baseUrl()}/console/sessions`);
    await other.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(other.url()).pathname).toBe("/console/login");
    // This browser is still in.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Sessions" }).waitFor();
  });

  it("signs out every other session at once", async () => {
    const other = await session.newPage();
    await signInToDashboard(other, SUPPORT.email, SUPPORT.password, SUPPORT.name);
    const page = await session.newPage();
    await signInToDashboard(page, SUPPORT.email, SUPPORT.password, SUPPORT.name);
    await openFromNav(page, "Sessions");
    await page.getByRole("button", { name: "Sign out all other sessions" }).click();
    await statusText(page)
      .getByText(/^Signed out of \d+ other sessions?\.$/)
      .waitFor();
    await page.getByText("You're signed in on this device only.").waitFor();
    expect(await page.getByRole("main").getByRole("listitem").count()).toBe(1);

    // A page that is already open finds out on its next call and goes to sign in.
    await other.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Account" }).click();
    await other.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(new URL(other.url()).pathname).toBe("/console/login");
  });

  it("shows support users no admin pages, and refuses them when opened directly", async () => {
    const page = await session.newPage();
    await signInToDashboard(page, SUPPORT.email, SUPPORT.password, SUPPORT.name);
    const nav = page.getByRole("navigation", { name: "Console" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Dashboard", "Sessions", "Account"]);
    for (const [path, heading] of [
      ["/console/users", "Users"],
      ["/console/api-keys", "API keys"],
    ] as const) {
      await page.goto(`${baseUrl()}${path}`);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Not available" }).waitFor();
      await page.getByText("Your role doesn't give access to this page. Ask an owner or admin.").waitFor();
    }
  });
});
