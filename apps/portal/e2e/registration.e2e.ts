import { type BrowserSession, baseUrl, launchBrowser, waitForEmail } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("portal self-registration", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("is offered on sign-in when enabled and answers the same for any address", async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl()}/portal/login`);
    await page.getByLabel("Email address").fill("someone@unknown.test");
    // The demo configuration enables registration.
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByRole("heading", { level: 1, name: "Create an account" }).waitFor();
    expect(await page.getByLabel("Email address").inputValue()).toBe("someone@unknown.test");

    await page.getByLabel("Email address").fill("");
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page.getByText("Enter your email address.").waitFor();

    // Neither an unknown address nor a customer's address that already has a login gets mail.
    const since = new Date();
    const addresses = ["someone@unknown.test", "billing@northwind.test"];
    for (const email of addresses) {
      await page.getByLabel("Email address").fill(email);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await page
        .getByRole("status")
        .getByText(`If ${email} can open an account, we sent it a link to finish. Check your inbox.`)
        .waitFor();
    }

    await page.getByRole("link", { name: "Already have an account? Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    // Mail goes out in queue order: once a later message has arrived, none came before it.
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email address").fill("billing@northwind.test");
    await page.getByRole("button", { name: "Send the link" }).click();
    await waitForEmail({ to: "billing@northwind.test", subject: "Reset your Acme Cloud password", since });
    for (const email of addresses) {
      const registration = { to: email, subject: "Finish creating your Acme Cloud account", since };
      await expect(waitForEmail({ ...registration, timeoutMs: 0 })).rejects.toThrow();
    }
  });
});
