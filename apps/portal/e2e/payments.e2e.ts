import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs, openSection } from "./portal-pages.js";

// Northwind's payment history is only read here (a receipt download stores its PDF, nothing more).
describe("portal payment history", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("lists payments with status, invoice and card, and downloads a receipt by button and by keyboard", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await openSection(page, "Payment history");
    const payments = page
      .getByRole("region", { name: "Your payments" })
      .getByRole("listitem")
      .filter({
        has: page.getByRole("button", { name: /^Download receipt for / }),
      });
    await payments.first().waitFor();
    const latest = payments.first();
    await latest.getByText("Succeeded", { exact: true }).waitFor();
    await latest.getByText(/^(Visa|Mastercard|American Express) ending in \d{4}$/).waitFor();
    const receiptNumber = (await latest.getByText(/^ACME-RCPT-\d{4}$/).textContent()) ?? "";
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      latest.getByRole("button", { name: /^Download receipt for / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${receiptNumber}-[0-9a-f]{12}\\.pdf$`));
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page
      .getByRole("status")
      .getByText(`Downloading receipt ${download.suggestedFilename()}.`)
      .waitFor();

    // Keyboard: j selects the newest payment and moves on to the next; d downloads its receipt.
    await page.getByRole("heading", { level: 1 }).click();
    const items = page.getByRole("region", { name: "Your payments" }).locator("[data-list-item]");
    await page.keyboard.press("j");
    expect(await items.first().evaluate((item) => item === document.activeElement)).toBe(true);
    const withReceipt = await items.evaluateAll((all) =>
      all.findIndex((item) => item.hasAttribute("data-receipt")),
    );
    for (let i = 0; i < withReceipt; i++) await page.keyboard.press("j");
    const [byKeyboard] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("d")]);
    expect(byKeyboard.suggestedFilename()).toMatch(/^ACME-RCPT-\d{4}-[0-9a-f]{12}\.pdf$/);

    // The invoice number links to the invoice it paid.
    const invoice = latest.getByRole("link");
    const href = await invoice.getAttribute("href");
    expect(href).toMatch(/\/invoices\/in_[a-z2-7]+$/);
    await invoice.click();
    await page.waitForURL(`${baseUrl()}${href}`);
  });
});
