import { readFile } from "node:fs/promises";
import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiQuery, captureScreens, openPortalAs, signIn } from "./portal-pages.js";

// Stark (ap@stark.test, a password no other test changes) and Globex (through portal links:
// the password-reset test changes its password) are this file's to pay. The seed gives Stark
// an overdue and a not-yet-due invoice, Globex two overdue invoices, a declining default
// card, a good Mastercard and an expired Amex.

interface PaymentRow {
  id: string;
  status: string;
  receiptNumber: string | null;
}

const invoicesToPay = (page: Page) =>
  page.getByRole("region", { name: "Invoices to pay" }).getByRole("listitem");
const payButton = (page: Page) => page.getByRole("button", { name: /^Pay \$[\d,]+\.\d{2}$/ });
const receiptHeading = (page: Page) =>
  page.getByRole("heading", { level: 2, name: /^Payment of \$[\d,]+\.\d{2} processed successfully$/ });
const isFocused = (page: Page, locator: ReturnType<Page["locator"]>) =>
  locator.evaluate((element) => element === document.activeElement);

/** The invoice id of the pay page on display. */
const invoiceOnPage = (page: Page) => new URL(page.url()).pathname.split("/")[3]!;

/** Waits for the invoice page the receipt's "Back to invoice" leads to, showing it paid. */
async function waitForPaidInvoice(page: Page): Promise<void> {
  await page.waitForURL(/\/portal\/invoices\/in_[^/]+$/);
  await page.getByText("Paid", { exact: true }).first().waitFor();
}

/** From the dashboard, "Pay now" on the first invoice to pay; waits for the pay page. */
async function payFirstInvoice(page: Page): Promise<void> {
  await invoicesToPay(page).first().getByRole("link", { name: "Pay now" }).click();
  await page.getByRole("heading", { level: 1, name: /^Pay invoice ACME-\d+$/ }).waitFor();
}

/** Adds a sandbox test card through the inline card form and waits until it is selected. */
async function addCard(page: Page, number: string, name: string): Promise<void> {
  await page.getByRole("button", { name: "Add a card" }).click();
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry date").fill("12/30");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: "Add and use this card" }).click();
  await page.getByRole("status").getByText(`${name} was added and is selected.`).waitFor();
  expect(await page.getByRole("radio", { name, checked: true }).count()).toBe(1);
}

describe("portal pay flow", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("fits the pay page on a 360 px wide screen", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await openPortalAs(page, "globex");
    await payFirstInvoice(page);
    await payButton(page).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("signs in, pays the overdue invoice with the saved card, shows the receipt and the paid invoice", async () => {
    const page = await session.newPage();
    await signIn(page, "ap@stark.test", "Stark Industries");
    const overdue = invoicesToPay(page).filter({ hasText: /This invoice is \d+ days overdue/ });
    expect(await overdue.count()).toBe(1);
    await expectAccessible(page);
    const title = await overdue.getByRole("link", { name: /^Invoice ACME-\d+$/ }).textContent();
    await captureScreens(page, "dashboard");
    const detail = await overdue.getByRole("link", { name: /^Invoice ACME-\d+$/ }).getAttribute("href");
    await captureScreens(page, "invoice-detail", detail!);
    await overdue.getByRole("link", { name: "Pay now" }).click();

    await page
      .getByRole("heading", { level: 1, name: `Pay invoice ${title!.slice("Invoice ".length)}` })
      .waitFor();
    expect(await page.getByRole("radio", { name: /^Visa ending in 4242/ }).isChecked()).toBe(true);
    await expectAccessible(page);
    await captureScreens(page, "pay");
    const amount = (await payButton(page).textContent())!.slice("Pay ".length);
    await payButton(page).click();

    const receipt = page.getByRole("heading", {
      level: 2,
      name: `Payment of ${amount} processed successfully`,
    });
    await receipt.waitFor();
    expect(await isFocused(page, receipt)).toBe(true);
    await page
      .locator("dd")
      .filter({ hasText: /^ACME-RCPT-\d{4}$/ })
      .waitFor();
    await page
      .locator("dd")
      .filter({ hasText: /^Visa ending in 4242$/ })
      .waitFor();
    await expectAccessible(page);
    await captureScreens(page, "receipt");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download receipt" }).click();
    const file = await (await download).path();
    expect((await readFile(file)).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await page.getByRole("link", { name: "Back to invoice" }).click();
    await waitForPaidInvoice(page);
  });

  it("shows a declined card's reason, then pays on retry with a good card", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "globex");
    await payFirstInvoice(page);
    // The expired Amex is listed but cannot be chosen.
    expect(await page.getByRole("radio", { name: /^American Express ending in 0005/ }).isDisabled()).toBe(
      true,
    );

    await addCard(page, "4000 0000 0000 0002", "Visa ending in 0002");
    await payButton(page).click();
    const failed = page.getByRole("alert").filter({ hasText: "Payment failed: Your card was declined." });
    await failed.waitFor();
    expect(await isFocused(page, failed.getByRole("heading"))).toBe(true);
    await expectAccessible(page);

    await addCard(page, "4242 4242 4242 4242", "Visa ending in 4242");
    await failed.getByRole("button", { name: "Try again" }).click();
    await receiptHeading(page).waitFor();
    await page
      .locator("dd")
      .filter({ hasText: /^Visa ending in 4242$/ })
      .waitFor();
    await expectAccessible(page);
    await captureScreens(page, "receipt");
  });

  it("pays from the dashboard to the receipt with the keyboard alone", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "stark");
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    /** Presses Tab until the focused element reads `text` (a link or button). */
    const tabTo = async (text: RegExp) => {
      for (let presses = 0; presses < 60; presses++) {
        await page.keyboard.press("Tab");
        if (text.test(await focusedText())) return;
      }
      throw new Error(`Tab never reached ${text}`);
    };

    await tabTo(/^Pay now$/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /^Pay invoice ACME-\d+$/ }).waitFor();
    await tabTo(/^Pay \$/);
    await page.keyboard.press("Enter");
    await receiptHeading(page).waitFor();
    expect(await isFocused(page, receiptHeading(page))).toBe(true);

    await tabTo(/^Back to invoice$/);
    await page.keyboard.press("Enter");
    await waitForPaidInvoice(page);
  });

  it("charges once for a double click whose first answer is lost", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "globex");
    await payFirstInvoice(page);
    const invoice = invoiceOnPage(page);
    const list = () => apiQuery<{ data: PaymentRow[] }>(page, "portal.payments.list", { invoice });
    const before = (await list()).data.length;

    // The first request reaches the server and charges, but its answer never arrives: the
    // page must resend the same attempt (same idempotency key), not a new one.
    let sent = 0;
    await page.route("**/trpc/portal.invoices.pay**", async (route) => {
      sent += 1;
      if (sent > 1) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    await page.getByRole("radio", { name: /^Mastercard ending in 4444/ }).check();
    await payButton(page).evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await receiptHeading(page).waitFor();
    expect(sent).toBe(2);

    const after = (await list()).data;
    expect(after.length).toBe(before + 1);
    const charged = after.filter((payment) => payment.status === "succeeded");
    expect(charged).toHaveLength(1);

    await page.goto(`${baseUrl()}/portal/payments`);
    await page.getByRole("heading", { level: 1, name: "Payment history" }).waitFor();
    expect(await page.getByText(charged[0]!.receiptNumber!, { exact: true }).count()).toBe(1);
  });
});
