import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs, openSection } from "./portal-pages.js";

const DAY = 86_400_000;

/** The calendar day `offset` days from now (YYYY-MM-DD), as the browser's date input takes it. */
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
/** How the page writes a day: en-US, medium style, never shifted by a time zone. */
const shown = (isoDay: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );

/** Reads what a download saved. */
async function downloaded(page: Page, start: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), start()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

// Soylent Foods (paused, a few months of paid Starter invoices) is this file's customer.
describe("portal statements", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("requests a CSV statement, announces it ready, and downloads it by button and by keyboard", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "soylent");
    await openSection(page, "Statements");
    await page.getByRole("heading", { level: 2, name: "Request a statement" }).waitFor();
    await expectAccessible(page);

    // The previous month is offered by default; the last five months cover Soylent's invoices.
    expect(await page.getByLabel("From").inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    const [from, to] = [day(-150), day(-2)];
    await page.getByLabel("To").fill(day(-160));
    await page.getByRole("button", { name: "Request statement" }).click();
    await page.getByText("The start date must be on or before the end date.").waitFor();
    await page.getByLabel("From").fill(from);
    await page.getByLabel("To").fill(to);
    await page.getByRole("radio", { name: "CSV" }).check();
    await page.getByRole("button", { name: "Request statement" }).click();

    const period = `${shown(from)} – ${shown(to)}`;
    await page
      .getByRole("status")
      .getByText(`Statement for ${period} requested.`, { exact: false })
      .waitFor();
    const row = page.getByRole("listitem").filter({
      has: page.getByRole("heading", { name: `Statement ${period}` }),
    });
    await row.getByText("CSV", { exact: true }).waitFor();
    // The list polls until the worker has made the file, and says so in the live region.
    await row.getByText("Ready", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole("status").getByText(`Statement for ${period} is ready to download.`).waitFor();
    await expectAccessible(page);

    const file = await downloaded(page, () =>
      row.getByRole("button", { name: `Download the statement for ${period}` }).click(),
    );
    expect(file.name).toBe(`statement-${from}_${to}.csv`);
    const lines = file.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Date,Type,Reference,Description,Amount,Balance,Currency");
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},Opening balance,,,,-?\d+\.\d{2},USD$/);
    expect(lines.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},Closing balance,,,,-?\d+\.\d{2},USD$/);
    const entries = lines.slice(2, -1);
    expect(entries.some((line) => line.split(",")[1] === "Invoice")).toBe(true);
    expect(entries.some((line) => /,Payment,.*,Invoice /.test(line))).toBe(true);
    for (const line of entries) expect(line).toMatch(/,USD$/);

    // Keyboard: j moves to the newest statement, d downloads it.
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("j");
    expect(await row.evaluate((element) => element === document.activeElement)).toBe(true);
    const again = await downloaded(page, () => page.keyboard.press("d"));
    expect(again.text).toBe(file.text);
  });

  it("lists the statement requested above after a reload, ready to download", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "soylent");
    await page.goto(`${baseUrl()}/portal/statements`);
    const past = page.getByRole("region", { name: "Your statements" });
    const newest = past.getByRole("listitem").first();
    await newest.getByRole("heading", { name: /^Statement / }).waitFor();
    expect(await newest.getByText("Ready", { exact: true }).count()).toBe(1);
    expect(await newest.getByText("CSV", { exact: true }).count()).toBe(1);
    expect(await newest.getByText("Requested", { exact: true }).count()).toBe(1);
    expect(await newest.getByRole("button", { name: /^Download the statement for / }).count()).toBe(1);
    await expectAccessible(page);
  });
});
