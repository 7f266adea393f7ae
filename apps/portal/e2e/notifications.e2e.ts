import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs, openSection } from "./portal-pages.js";

const receipts = (page: Page) =>
  page.getByRole("group", { name: "Email me about" }).getByRole("checkbox", { name: "Receipts" });

async function save(page: Page) {
  await page.getByRole("button", { name: "Save preferences" }).click();
  await page.getByRole("status").getByText("Notification preferences saved.").waitFor();
}

describe("portal notification preferences", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("turns receipts off, keeps it after a reload, and turns it back on", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "umbrella");
    await openSection(page, "Notifications");
    // Through a portal link the settings are the account's billing address's.
    await page.getByText("Choose which emails your account's billing email address receives.").waitFor();
    await expectAccessible(page);
    expect(await receipts(page).isChecked()).toBe(true);

    await receipts(page).uncheck();
    await save(page);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await receipts(page).waitFor();
    expect(await receipts(page).isChecked()).toBe(false);
    expect(
      await page.getByRole("checkbox", { name: "Payment failures" }).isChecked(),
      "the other categories stay on",
    ).toBe(true);
    await expectAccessible(page);

    await receipts(page).check();
    await save(page);
    await page.goto(`${baseUrl()}/portal/notifications`);
    await receipts(page).waitFor();
    expect(await receipts(page).isChecked()).toBe(true);
  });
});
