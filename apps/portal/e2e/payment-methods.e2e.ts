import { type BrowserSession, expectAccessible, launchBrowser } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertText, openPortalAs, openSection } from "./portal-pages.js";

/** The saved cards' records on /portal/payment-methods. */
const records = (page: Page) => page.getByRole("region", { name: "Saved cards" }).getByRole("listitem");

/** Opens "Payment methods" from the navigation and waits for the saved cards. */
async function openPaymentMethods(page: Page) {
  await openSection(page, "Payment methods");
  await records(page).first().waitFor();
}

// Wayne (canceled, one seeded Visa 4242) is changed only here. Initech (active until the
// period ends, one Visa 5556) is only asked to remove its card, which the server refuses.
describe("portal payment methods", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("adds a test card, makes it the default and removes the old one", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "wayne");
    await openPaymentMethods(page);
    expect(await records(page).count()).toBe(1);
    const seeded = records(page).filter({ hasText: "Default" });
    await seeded.getByRole("heading", { name: "Visa ending in 4242" }).waitFor();
    await expectAccessible(page);

    // A real card number is refused under its field, which gets the focus.
    const form = page.getByRole("region", { name: "Add a card" });
    await form.getByText("4242 4242 4242 4242: payments succeed").waitFor();
    const number = form.getByLabel("Card number");
    await number.fill("4111 1111 1111 1111");
    await form.getByLabel("Expiry date").fill("12/34");
    await form.getByLabel("Security code (CVC)").fill("123");
    await form.getByLabel("Make this my default payment method").waitFor();
    await form.getByRole("button", { name: "Add card" }).click();
    await form.getByText("Test mode accepts only the test cards listed above.").waitFor();
    expect(await number.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await number.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    await number.fill("4242 4242 4242 4242");
    await form.getByRole("button", { name: "Add card" }).click();
    await page.getByRole("status").getByText("Visa ending in 4242 was added.").waitFor();
    const added = records(page).filter({ hasText: "December 2034" });
    await added.waitFor();
    expect(await records(page).count()).toBe(2);
    expect(await added.getByText("Default", { exact: true }).count()).toBe(0);
    expect(await number.inputValue()).toBe("");

    await added.getByRole("button", { name: "Make default: Visa ending in 4242" }).click();
    await page
      .getByRole("status")
      .getByText("Visa ending in 4242 is now your default payment method.")
      .waitFor();
    await added.getByText("Default", { exact: true }).waitFor();
    const old = records(page).filter({ hasNotText: "December 2034" });
    expect(await old.getByText("Default", { exact: true }).count()).toBe(0);

    await old.getByRole("button", { name: "Remove Visa ending in 4242" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this card?" });
    await dialog.waitFor();
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Remove card" }).click();
    await page.getByRole("status").getByText("Visa ending in 4242 was removed.").waitFor();
    await old.waitFor({ state: "detached" });
    expect(await records(page).count()).toBe(1);
    await records(page).filter({ hasText: "December 2034" }).getByText("Default", { exact: true }).waitFor();
    await expectAccessible(page);
  });

  it("keeps the only card of an active subscription and says why", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "initech");
    await openPaymentMethods(page);
    // Only a refusal is exercised here: with a second card the removal would go through.
    expect(await records(page).count()).toBe(1);
    const only = records(page).first();
    const name = (await only.getByRole("heading").textContent()) ?? "";

    await only.getByRole("button", { name: `Remove ${name}` }).click();
    await page
      .getByRole("dialog", { name: "Remove this card?" })
      .getByRole("button", { name: "Remove card" })
      .click();
    await alertText(page)
      .getByText("Your subscription is charged to this card. Add another card before removing it.")
      .waitFor();
    expect(await records(page).count()).toBe(1);
    await only.getByText("Default", { exact: true }).waitFor();
    await expectAccessible(page);
  });
});
