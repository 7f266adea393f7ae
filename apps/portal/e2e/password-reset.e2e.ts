import { type BrowserSession, baseUrl, launchBrowser, linkIn, waitForEmail } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, alertText, signIn } from "./portal-pages.js";

const EMAIL = "accounts@globex.test";
const CUSTOMER = "Globex Corporation";
const NEW_PASSWORD = "globex-new-password-1";

describe("portal forgot and reset password", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("resets the password through the emailed link, then signs in with the new one", async () => {
    // A session opened before the reset ends with it.
    const before = await session.newPage();
    await signIn(before, EMAIL, CUSTOMER);

    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login`);
    await page.getByLabel("Email address").fill(EMAIL);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();
    // The address typed on the sign-in page came along.
    expect(await page.getByLabel("Email address").inputValue()).toBe(EMAIL);
    const since = new Date();
    await page.getByRole("button", { name: "Send the link" }).click();
    await page
      .getByRole("status")
      .getByText(`If ${EMAIL} has an account, we sent it a link. It works once, for 30 minutes.`)
      .waitFor();

    const mail = await waitForEmail({ to: EMAIL, subject: "Reset your Acme Cloud password", since });
    const link = linkIn(mail, "/portal/reset");
    expect(link.origin).toBe(baseUrl());
    await page.goto(link.href);
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();

    // Checked in the page before anything is sent.
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("Choose a password of at least 10 characters.").waitFor();
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Repeat the new password").fill(`${NEW_PASSWORD}x`);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("The two passwords don't match.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("confirm-password");

    await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByRole("heading", { level: 1, name: "Your password was changed" }).waitFor();
    await page.getByRole("link", { name: "Back to sign in" }).click();

    // The old password no longer works; the new one does.
    await page.getByLabel("Email address").fill(EMAIL);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await alertText(page).getByText("The email address or password is incorrect.").waitFor();
    await page.getByLabel("Password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${CUSTOMER}` }).waitFor();

    // The reset signed out the session opened before it.
    await before.goto(`${baseUrl()}/portal/sessions`);
    await before.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    // The link works once.
    const again = await session.newPage();
    await again.goto(link.href);
    await again.getByLabel("New password", { exact: true }).fill("another-password-2");
    await again.getByLabel("Repeat the new password").fill("another-password-2");
    await again.getByRole("button", { name: "Save the new password" }).click();
    await again
      .getByRole("heading", { level: 1, name: "This link has expired or was already used" })
      .waitFor();
    await again.getByRole("link", { name: "Ask for a new link" }).click();
    await again.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();
  });

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const page = await session.newPage();
    const request = async (email: string) => {
      await page.goto(`${baseUrl()}/portal/forgot`);
      await page.getByLabel("Email address").fill(email);
      const answered = page.waitForResponse((r) => r.url().includes("auth.portal.requestPasswordReset"));
      await page.getByRole("button", { name: "Send the link" }).click();
      const response = await answered;
      await page
        .getByRole("status")
        .getByText(`If ${email} has an account, we sent it a link. It works once, for 30 minutes.`)
        .waitFor();
      return { status: response.status(), body: await response.text() };
    };
    const since = new Date();
    const unknown = await request("nobody@nowhere.test");
    expect(await request(EMAIL)).toEqual(unknown);
    // Mail goes out in queue order: the known address's link came, the unknown one got none.
    await waitForEmail({ to: EMAIL, subject: "Reset your Acme Cloud password", since });
    await expect(waitForEmail({ to: "nobody@nowhere.test", since, timeoutMs: 0 })).rejects.toThrow();
  });

  it("explains a reset link without a token", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/reset`);
    await page
      .getByRole("heading", { level: 1, name: "This link has expired or was already used" })
      .waitFor();
  });
});
