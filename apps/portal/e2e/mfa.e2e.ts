import { type BrowserSession, baseUrl, launchBrowser, totpCode } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, alertText, signIn } from "./portal-pages.js";

const EMAIL = "finance@hooli.test";
const CUSTOMER = "Hooli Inc.";

/** Password sign-in that stops at the MFA challenge. */
async function signInToChallenge(page: Page) {
  await page.goto(`${baseUrl()}/portal/login`);
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Two-factor authentication" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/portal/mfa");
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
}

describe("portal two-factor authentication", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("enrols on /account, then asks for a TOTP code or a recovery code at sign-in", async () => {
    const page = await session.newPage();
    await signIn(page, EMAIL, CUSTOMER);
    await page.getByRole("link", { name: "Security" }).click();
    await page.getByRole("heading", { level: 1, name: "Security" }).waitFor();
    const section = page.getByRole("region", { name: "Two-factor authentication" });
    await section.getByText("Two-factor authentication is off.").waitFor();
    await section.getByRole("button", { name: "Set up two-factor authentication" }).click();

    // The API's QR code, and the key to type by hand (what we compute codes from).
    const qr = section.getByRole("img", { name: "QR code of your two-factor key" });
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    const key = await section.getByLabel("Or type this key").inputValue();
    expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);

    await section.getByLabel("Code from the app").fill("000000");
    await section.getByRole("button", { name: "Turn on" }).click();
    await alertText(page).getByText("That code is wrong or was already used.").waitFor();
    await section.getByLabel("Code from the app").fill(totpCode(key));
    await section.getByRole("button", { name: "Turn on" }).click();

    // Ten recovery codes, shown once, focused for the screen reader.
    const codes = section.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
    await codes.first().waitFor();
    const recoveryCodes = await codes.allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Your recovery codes");
    await section.getByRole("button", { name: "I saved them" }).click();
    await section.getByText("10 recovery codes left.").waitFor();
    await page.getByRole("status").getByText("Two-factor authentication is on.").waitFor();

    // Signing in again asks for the second factor; the protected pages wait for it.
    await signOut(page);
    await signInToChallenge(page);
    await page.goto(`${baseUrl()}/portal/account`);
    await page.getByRole("heading", { level: 1, name: "Two-factor authentication" }).waitFor();
    // The code of the next 30-second step: the one used to enrol cannot be used twice.
    await page.getByLabel("Code from the app").fill(totpCode(key, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { level: 1, name: `Welcome, ${CUSTOMER}` }).waitFor();

    // A recovery code works once.
    const recovery = recoveryCodes[0]!;
    for (const attempt of ["accepted", "refused"] as const) {
      await signOut(page);
      await signInToChallenge(page);
      await page.getByRole("button", { name: "Use a recovery code" }).click();
      await page.getByLabel("Recovery code").fill(recovery);
      await page.getByRole("button", { name: "Verify" }).click();
      if (attempt === "accepted") {
        await page.getByRole("heading", { level: 1, name: `Welcome, ${CUSTOMER}` }).waitFor();
      } else {
        await alertText(page).getByText("That code is wrong or was already used.").waitFor();
      }
    }

    // Leaving the challenge signs the half-open session out.
    await page.getByRole("button", { name: "Cancel and sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.goto(`${baseUrl()}/portal/`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });
});
