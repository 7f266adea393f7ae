import { type BrowserSession, baseUrl, codeIn, launchBrowser, linkIn, waitForEmail } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, alertText, invite, signIn } from "./portal-pages.js";

const SUBJECT = "Your Acme Cloud sign-in code";
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("name") ?? null);

/** Tabs forward until the focused element satisfies `isTarget` (at most `max` presses). */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, max = 12) {
  for (let i = 0; i < max && !(await isTarget()); i++) await page.keyboard.press("Tab");
  expect(await isTarget()).toBe(true);
}

describe("portal sign-in with an emailed code", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("signs in with the code from the email, keyboard only", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login`);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    // From the password form to the code form, by keyboard.
    const onCodeLink = () =>
      page.evaluate(() => document.activeElement?.textContent === "Email me a sign-in code");
    await tabTo(page, onCodeLink);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Sign in with a code" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/login/code");

    await tabTo(page, async () => (await focusedName(page)) === "email");
    await page.keyboard.type("finance@soylent.test");
    const since = new Date();
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText(
        "If finance@soylent.test has an account, we sent it a 6-digit code. It expires in 10 minutes.",
      )
      .waitFor();
    // The code field takes the focus and says what it is for (one-time-code autofill).
    expect(await focusedName(page)).toBe("code");
    expect(await page.getByLabel("Sign-in code").getAttribute("autocomplete")).toBe("one-time-code");

    const code = codeIn(await waitForEmail({ to: "finance@soylent.test", subject: SUBJECT, since }));
    await page.keyboard.type(code);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Welcome, Soylent Foods" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/");

    // The code was spent: signing out and using it again fails.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByRole("link", { name: "Email me a sign-in code" }).click();
    await page.getByLabel("Email address").fill("finance@soylent.test");
    await page.getByRole("button", { name: "Email me a code" }).click();
    await page.getByLabel("Sign-in code").fill(code);
    await page.getByRole("button", { name: "Sign in" }).click();
    await alertText(page)
      .getByText("That code is wrong or has expired. Check it, or ask for a new one.")
      .waitFor();
  });

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const page = await session.newPage();
    const request = async (email: string) => {
      await page.goto(`${baseUrl()}/portal/login/code`);
      await page.getByLabel("Email address").fill(email);
      const answered = page.waitForResponse((r) => r.url().includes("auth.portal.requestLoginCode"));
      await page.getByRole("button", { name: "Email me a code" }).click();
      const response = await answered;
      await page
        .getByRole("status")
        .getByText(`If ${email} has an account, we sent it a 6-digit code. It expires in 10 minutes.`)
        .waitFor();
      return { status: response.status(), body: await response.text() };
    };
    const since = new Date();
    const unknown = await request("nobody@nowhere.test");
    const known = await request("billing@wayne.test");
    expect(unknown).toEqual(known);
    // Mail goes out in queue order: once the known address has its code, the unknown one
    // would have had one too.
    await waitForEmail({ to: "billing@wayne.test", subject: SUBJECT, since });
    await expect(waitForEmail({ to: "nobody@nowhere.test", since, timeoutMs: 0 })).rejects.toThrow(
      /no e-mail to nobody@nowhere\.test/,
    );

    // For an address without an account, any code is refused with the words of a wrong one.
    await request("nobody@nowhere.test");
    await page.getByLabel("Sign-in code").fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await alertText(page)
      .getByText("That code is wrong or has expired. Check it, or ask for a new one.")
      .waitFor();
    await page.getByLabel("Sign-in code").fill("12ab");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter the 6 digits from the email.").waitFor();
    expect(await page.getByLabel("Sign-in code").getAttribute("aria-invalid")).toBe("true");
  });

  it("lets an email that opens several customer accounts choose one", async () => {
    // Stark's and Wayne's admins both invite the same person, who accepts both.
    const shared = "shared.buyer@e2e.test";
    const password = "shared-buyer-password";
    for (const [admin, customer] of [
      ["ap@stark.test", "Stark Industries"],
      ["billing@wayne.test", "Wayne Enterprises"],
    ] as const) {
      const adminPage = await session.newPage();
      await signIn(adminPage, admin, customer);
      const since = new Date();
      await invite(adminPage, shared, "Sam Shared");
      const mail = await waitForEmail({ to: shared, subject: "invited you to Acme Cloud", since });
      await acceptInvitation(await session.newPage(), linkIn(mail, "/portal/invite/"), customer, password);
    }

    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login/code`);
    await page.getByLabel("Email address").fill(shared);
    const since = new Date();
    await page.getByRole("button", { name: "Email me a code" }).click();
    const code = codeIn(await waitForEmail({ to: shared, subject: SUBJECT, since }));
    await page.getByLabel("Sign-in code").fill(code);
    await page.getByRole("button", { name: "Sign in" }).click();

    // Only once the code is proven are the accounts named.
    const choice = page.getByRole("group", { name: "Choose an account" });
    await choice.waitFor();
    expect(await choice.getByRole("button").allTextContents()).toEqual([
      "Continue to Stark Industries",
      "Continue to Wayne Enterprises",
    ]);
    await choice.getByRole("button", { name: "Continue to Wayne Enterprises" }).click();
    await page.getByRole("heading", { level: 1, name: "Welcome, Wayne Enterprises" }).waitFor();
  });

  it("speaks French on the code sign-in", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login/code?locale=fr`);
    await page.getByRole("heading", { level: 1, name: "Se connecter avec un code" }).waitFor();
    await page.getByRole("button", { name: "M’envoyer un code" }).click();
    await page.getByText("Saisissez votre adresse e-mail.").waitFor();
  });
});
