import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import { readFile } from "node:fs/promises";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs, openSection, signIn } from "./portal-pages.js";

const listUrl = (search = "") => `${baseUrl()}/portal/invoices${search}`;

/** The invoices table (its caption names it) and its data rows. */
const table = (page: Page) => page.getByRole("table", { name: "Invoices" });
const dataRows = (page: Page) =>
  table(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader") });

async function openList(page: Page, search = "") {
  await page.goto(listUrl(search));
  await page.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
}

/** Waits until the table shows exactly `count` invoices (a new filter replaces the rows). */
async function expectRowCount(page: Page, count: number) {
  await page
    .getByRole("status")
    .getByText(`Showing ${count} invoice${count === 1 ? "" : "s"}.`)
    .waitFor();
  expect(await dataRows(page).count()).toBe(count);
}

/** Clicks "Load more" until every invoice is in the table. */
async function loadAll(page: Page) {
  const more = page.getByRole("button", { name: "Load more" });
  while (await more.isVisible()) {
    const before = await dataRows(page).count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll("table tbody tr").length > n, before);
  }
}

const isFocused = (page: Page, label: string) =>
  page.getByLabel(label).evaluate((element) => element === document.activeElement);

/**
 * Answers `portal.invoices.get` as if the invoice were still open and 12 days overdue:
 * Northwind's invoices are all settled and only read here, so what an unpaid one shows
 * is tried on a copy (the API side is covered by packages/api/…/invoices.int.test.ts).
 */
async function asOverdue(route: Route) {
  const response = await route.fetch();
  const procedures = new URL(route.request().url()).pathname.split("/trpc/")[1]!.split(",");
  const body = (await response.json()) as { result?: { data?: Record<string, unknown> } }[];
  const invoice = body[procedures.indexOf("portal.invoices.get")]?.result?.data;
  if (invoice) {
    Object.assign(invoice, {
      status: "open",
      overdue: true,
      daysOverdue: 12,
      amountPaid: 0,
      amountRemaining: invoice.total,
      latestPaymentStatus: null,
    });
  }
  await route.fulfill({ response, json: body });
}

// Northwind (every invoice paid, the onboarding one void) is only read here.
describe("portal invoices", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("lists the seeded invoices with their statuses after a password sign-in", async () => {
    const page = await session.newPage();
    await signIn(page, "billing@northwind.test", "Northwind Traders");
    await openSection(page, "Invoices");
    // A page holds ten; Northwind has a year of monthly invoices, an upgrade and a voided one.
    await expectRowCount(page, 10);
    await expectAccessible(page);

    await loadAll(page);
    const statuses = await table(page).locator(".pt-badge").allTextContents();
    expect(statuses.length).toBeGreaterThan(10);
    await expectRowCount(page, statuses.length);
    expect(new Set(statuses)).toEqual(new Set(["Paid", "Void"]));
    expect(statuses.filter((status) => status === "Void")).toHaveLength(1);
    const first = dataRows(page).first();
    expect(await first.getByRole("link").textContent()).toMatch(/^ACME-\d+$/);
  });

  it("narrows the list by status and number, and keeps the filters through reload and history", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await openList(page);
    await dataRows(page).first().waitFor();
    const firstPage = await dataRows(page).count();

    await page.getByLabel("Status").selectOption({ label: "Void" });
    await expectRowCount(page, 1);
    const voided = dataRows(page).first();
    expect(await voided.getByText("Void", { exact: true }).count()).toBe(1);
    const number = (await voided.getByRole("link").textContent())!;
    expect(new URL(page.url()).searchParams.get("status")).toBe("void");

    await page.reload();
    await expectRowCount(page, 1);
    expect(await page.getByLabel("Status").inputValue()).toBe("void");

    await page.getByLabel("Status").selectOption({ label: "All statuses" });
    await expectRowCount(page, firstPage);
    await page.goBack();
    await expectRowCount(page, 1);
    expect(await page.getByLabel("Status").inputValue()).toBe("void");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expectRowCount(page, firstPage);
    await page.getByLabel("Search by number").fill(number.toLowerCase());
    await expectRowCount(page, 1);
    expect(await dataRows(page).first().getByRole("link").textContent()).toBe(number);
    expect(new URL(page.url()).searchParams.get("q")).toBe(number.toLowerCase());
    await page.reload();
    await expectRowCount(page, 1);
    expect(await page.getByLabel("Search by number").inputValue()).toBe(number.toLowerCase());

    await page.getByLabel("Status").selectOption({ label: "Paid" });
    await page.getByRole("heading", { level: 2, name: "No invoices match these filters" }).waitFor();
    await expectAccessible(page);

    await openList(page, "?status=open");
    await page
      .getByRole("heading", { level: 2, name: "You're all caught up! No outstanding invoices." })
      .waitFor();
  });

  it("moves by keyboard: / focuses the search, j then Enter opens an invoice", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await openList(page);
    const firstNumber = (await dataRows(page).first().getByRole("link").textContent())!;

    await page.keyboard.press("/");
    expect(await isFocused(page, "Search by number")).toBe(true);
    // Out of the search box, where j is just a letter.
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("j");
    expect(
      await dataRows(page)
        .first()
        .getByRole("link")
        .evaluate((a) => a === document.activeElement),
    ).toBe(true);
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Invoice ${firstNumber}` }).waitFor();
  });

  it("shows an invoice's lines and totals as the list does, and downloads its PDF", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await openList(page, "?status=paid");
    const row = dataRows(page).first();
    const number = (await row.getByRole("link").textContent())!;
    const cells = await row.getByRole("cell").allInnerTexts();
    const [, , total, remaining] = cells;
    await row.getByRole("link").click();

    await page.getByRole("heading", { level: 1, name: `Invoice ${number}` }).waitFor();
    expect(await page.locator(".pt-inv-head .pt-badge").textContent()).toBe("Paid");
    const summary = (label: string) =>
      page
        .locator(".pt-inv-totals__row")
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator("dd");
    expect(await summary("Total").textContent()).toBe(total);
    expect(await summary("Amount remaining").textContent()).toBe(remaining);
    const lines = page.getByRole("table", { name: "Items" }).getByRole("row");
    expect(await lines.count()).toBeGreaterThan(1);
    await page.getByRole("table", { name: "Items" }).getByText(/Team/).first().waitFor();
    const payments = page.getByRole("table", { name: "Payments" });
    await payments.getByText("Visa ending in 4242").first().waitFor();
    await payments.getByText("Succeeded").first().waitFor();
    expect(await page.getByText("Billed to").count()).toBe(1);
    await page.getByText("2100 Mission Street").waitFor();
    expect(await page.getByRole("link", { name: "Pay now" }).count()).toBe(0);
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PDF" }).click(),
    ]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.getByRole("status").getByText("Your PDF download has started.").waitFor();

    const [byKey] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("d")]);
    expect((await readFile(await byKey.path())).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // The way back keeps the list's filter.
    await page.getByRole("link", { name: "All invoices" }).click();
    await page.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
    expect(new URL(page.url()).searchParams.get("status")).toBe("paid");
  });

  it("offers Pay now (p) on an overdue invoice and lists d and p under ?", async () => {
    const page = await session.newPage();
    await page.route((url) => url.pathname.includes("portal.invoices.get"), asOverdue);
    await openPortalAs(page, "northwind");
    await openList(page);
    const number = (await dataRows(page).first().getByRole("link").textContent())!;
    await dataRows(page).first().getByRole("link").click();

    await page.getByRole("heading", { level: 1, name: `Invoice ${number}` }).waitFor();
    await page.getByText("This invoice is 12 days overdue").waitFor();
    expect(await page.locator(".pt-inv-head .pt-badge").textContent()).toBe("Overdue");
    await page.getByRole("link", { name: "Pay now" }).waitFor();
    await expectAccessible(page);

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await help.getByText("Download this invoice as a PDF").waitFor();
    await help.getByText("Pay this invoice").waitFor();
    expect(await help.locator("kbd").allTextContents()).toEqual(expect.arrayContaining(["d", "p"]));
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    await page.keyboard.press("p");
    await page.waitForURL(/\/portal\/invoices\/in_[^/]+\/pay$/);
  });

  it("says when an invoice does not exist, and when invoice history is turned off", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await page.goto(`${baseUrl()}/portal/invoices/in_doesnotexist`);
    await page.getByRole("heading", { level: 1, name: "Invoice not found" }).waitFor();
    await expectAccessible(page);

    // Off for this browser alone: turning it off for real would change the demo merchant's
    // configuration for every test file (the API refuses it too: invoices.int.test.ts).
    await page.route(
      (url) => url.pathname.includes("portal.configuration.get"),
      async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as {
          result?: { data?: { features?: Record<string, unknown> } };
        }[];
        for (const answer of body) {
          const features = answer.result?.data?.features;
          if (features) features.invoiceHistory = { enabled: false };
        }
        await route.fulfill({ response, json: body });
      },
    );
    await openList(page);
    await page.getByRole("heading", { level: 2, name: "Not available" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
  });

  it("fits a 360 px wide screen without horizontal page scrolling", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await openPortalAs(page, "northwind");
    await openList(page);
    await dataRows(page).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);

    await dataRows(page).first().getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /^Invoice / }).waitFor();
    await page.getByRole("table", { name: "Items" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
  });
});
