import { type BrowserSession, baseUrl, launchBrowser, totpCode } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  alertText,
  focusVisible,
  focusedName,
  inviteAndAccept,
  openFromNav,
  signIn,
  signInToDashboard,
  statusText,
  tabTo,
} from "./console-pages.js";

// The only e2e test that signs the demo owner in past MFA: it enrols them for good.
const OWNER = { email: "owner@acme.test", password: "portico-demo-owner", name: "Olivia Park" };
const ADMIN = { email: "admin@acme.test", password: "portico-demo-admin", name: "Marcus Chen" };

describe("console two-factor authentication", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("console owner first login → MFA enrolment → signed in; then the challenge, by keyboard, with a recovery code", async () => {
    const page = await session.newPage({ acceptDownloads: true });
    await signIn(page, OWNER.email, OWNER.password);
    const setUp = page.getByRole("heading", { level: 1, name: "Set up two-factor authentication" });
    await setUp.waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/mfa");
    // Nothing else opens until the second factor is set up.
    await page.goto(`${baseUrl()}/console/api-keys`);
    await setUp.waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/mfa");
    expect(await page.getByRole("navigation", { name: "Console" }).count()).toBe(0);

    // The otpauth URI drawn as a QR code, and the same key written out.
    const qr = page.getByRole("img", { name: "QR code to add this account to an authenticator app" });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    const key = (await page.locator(".pt-secret").textContent())!.replace(/\s+/g, "");
    expect(key).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel("6-digit code").fill("000000");
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await alertText(page)
      .getByText(/^That code didn't work\./)
      .waitFor();
    await page.getByLabel("6-digit code").fill(totpCode(key));
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();

    await page.getByRole("heading", { level: 1, name: "Two-factor authentication is on" }).waitFor();
    const codesHeading = page.getByRole("heading", { level: 2, name: "Save your recovery codes" });
    expect(await codesHeading.evaluate((h) => h === document.activeElement)).toBe(true);
    const codes = await page.locator(".pt-codes code").allTextContents();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download" }).click();
    expect((await download).suggestedFilename()).toBe("portico-recovery-codes.txt");
    await page.getByRole("button", { name: "I've saved them" }).click();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${OWNER.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/");

    await openFromNav(page, "Account");
    await page.getByText("10 recovery codes left.").waitFor();
    await page.getByText("Owners must keep two-factor authentication on.").waitFor();
    expect(await page.getByRole("button", { name: "Turn off" }).count()).toBe(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    // Second sign-in, keyboard only, with a visible focus ring: password, then a recovery code.
    await tabTo(page, "email");
    expect(await focusedName(page)).toBe("email");
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.type(OWNER.email);
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("password");
    await page.keyboard.type(OWNER.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Verify it's you" }).waitFor();
    expect(await focusedName(page)).toBe("code");
    await page.keyboard.type(codes[0]!);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Welcome, ${OWNER.name}` }).waitFor();

    // A recovery code works once.
    await openFromNav(page, "Account");
    await page.getByText("9 recovery codes left.").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, OWNER.email, OWNER.password);
    await page.getByLabel("Authentication code").fill(codes[0]!);
    await page.keyboard.press("Enter");
    await alertText(page).getByText("That code is wrong or was already used.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/mfa");
  });

  it("a support user turns two-factor on from Account, gets new recovery codes, and turns it off with password + code", async () => {
    const admin = await session.newPage();
    await signInToDashboard(admin, ADMIN.email, ADMIN.password, ADMIN.name);
    const user = {
      email: `sam-${Date.now()}@acme.test`,
      name: "Sam Support",
      password: "sam-first-password",
    };
    const page = await inviteAndAccept(session, admin, user);
    await openFromNav(page, "Account");
    await page.getByText(/^Two-factor authentication is off\./).waitFor();

    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const key = (await page.locator(".pt-secret").textContent())!.replace(/\s+/g, "");
    await page.getByLabel("6-digit code").fill(totpCode(key));
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await page.getByRole("heading", { level: 3, name: "Save your recovery codes" }).waitFor();
    const first = await page.locator(".pt-codes code").allTextContents();
    expect(first).toHaveLength(10);
    await page.getByRole("button", { name: "I've saved them" }).click();
    await statusText(page).getByText("Your recovery codes are ready to use.").waitFor();
    await page.getByText("10 recovery codes left.").waitFor();

    // New codes take a fresh app code (the enrolment spent the current one).
    await page.getByLabel("6-digit code").fill(totpCode(key, 1));
    await page.getByRole("button", { name: "Get new codes" }).click();
    await page.getByRole("heading", { level: 3, name: "Save your recovery codes" }).waitFor();
    const second = await page.locator(".pt-codes code").allTextContents();
    expect(second).toHaveLength(10);
    expect(second.filter((code) => first.includes(code))).toEqual([]);
    await page.getByRole("button", { name: "I've saved them" }).click();

    // Turning it off takes the password and a code; a wrong password is refused.
    const turnOff = page.getByRole("form", { name: "Turn off two-factor authentication" });
    await turnOff.getByLabel("Password").fill("not-the-password");
    await turnOff.getByLabel("Authentication code").fill(second[0]!);
    await turnOff.getByRole("button", { name: "Turn off" }).click();
    await alertText(page).getByText("The password or the code is wrong.").waitFor();
    await turnOff.getByLabel("Password").fill(user.password);
    await turnOff.getByRole("button", { name: "Turn off" }).click();
    await statusText(page).getByText("Two-factor authentication is off.").waitFor();
    await page.getByRole("button", { name: "Set up two-factor authentication" }).waitFor();
  });
});
