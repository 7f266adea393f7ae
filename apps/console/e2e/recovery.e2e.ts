import { type BrowserSession, baseUrl, launchBrowser, linkIn, waitForEmail } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertText, inviteAndAccept, signIn, signInToDashboard, statusText } from "./console-pages.js";

const ADMIN = { email: "admin@acme.test", password: "portico-demo-admin", name: "Marcus Chen" };
const SENT =
  "If an account uses this address, we've sent it a reset link. It works once, for 30 minutes. Check your inbox.";

describe("console forgot / reset password", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("answers the same for any address, and resets by the emailed single-use link", async () => {
    const user = {
      email: `rita-${Date.now()}@acme.test`,
      name: "Rita Reset",
      password: "rita-first-password",
    };
    const admin = await session.newPage();
    await signInToDashboard(admin, ADMIN.email, ADMIN.password, ADMIN.name);
    const signedIn = await inviteAndAccept(session, admin, user);

    const page = await session.newPage();
    await page.goto(`${baseUrl()}/console/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Reset your password" }).waitFor();
    // An unknown address gets the very same answer as a known one.
    await page.getByLabel("Email address").fill(`nobody-${Date.now()}@acme.test`);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await statusText(page).getByText(SENT).waitFor();
    const since = new Date();
    await page.getByLabel("Email address").fill(user.email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await statusText(page).getByText(SENT).waitFor();

    const mail = await waitForEmail({ to: user.email, subject: "Reset your Acme Cloud password", since });
    const link = linkIn(mail, "/console/reset");
    await page.goto(link.href);
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Use at least 10 characters.").waitFor();
    await page.getByLabel("New password", { exact: true }).fill("rita-second-password");
    await page.getByLabel("Confirm new password").fill("rita-second-password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await statusText(page)
      .getByText(/^Your password has been changed and every session signed out\./)
      .waitFor();

    // Every session ended, the old password is refused, the new one works, the link is spent.
    await signedIn.reload();
    await signedIn.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await signIn(page, user.email, user.password);
    await alertText(page).getByText("The email address or password is incorrect.").waitFor();
    await signInToDashboard(page, user.email, "rita-second-password", user.name);
    await page.goto(link.href);
    await page.getByLabel("New password", { exact: true }).fill("rita-third-password");
    await page.getByLabel("Confirm new password").fill("rita-third-password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await alertText(page).getByText("This reset link is invalid, already used or expired.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/reset");
  });
});
