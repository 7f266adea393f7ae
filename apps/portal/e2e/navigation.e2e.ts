import { type BrowserSession, expectAccessible, launchBrowser } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs } from "./portal-pages.js";

const SECTIONS = [
  "Overview",
  "Invoices",
  "Payment history",
  "Payment methods",
  "Statements",
  "Documents",
  "Billing details",
  "Notifications",
  "Members",
  "Security",
  "Your sessions",
];

describe("portal navigation", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("shows the enabled sections, the way back to the merchant and the legal links", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind", "https://northwind.example/settings/billing");
    const billing = page.getByRole("navigation", { name: "Billing" });
    const account = page.getByRole("navigation", { name: "Account" });
    await billing.getByRole("link", { name: "Invoices" }).waitFor();
    const names = [
      ...(await billing.getByRole("link").allTextContents()),
      ...(await account.getByRole("link").allTextContents()),
    ];
    expect(names).toEqual(SECTIONS);
    expect(await billing.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe("page");

    const back = page.getByRole("link", { name: "Back to Acme Cloud" });
    expect(await back.getAttribute("href")).toBe("https://northwind.example/settings/billing");
    const legal = page.getByRole("navigation", { name: "Legal" });
    expect(await legal.getByRole("link").allTextContents()).toEqual(["Privacy policy", "Terms of service"]);

    await billing.getByRole("link", { name: "Payment methods" }).click();
    await page.waitForURL(/\/portal\/payment-methods$/);
    expect(await billing.getByRole("link", { name: "Payment methods" }).getAttribute("aria-current")).toBe(
      "page",
    );
    await expectAccessible(page);
  });

  it("lists the keyboard shortcuts on ?, and Escape closes the list", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await dialog.waitFor();
    await dialog.getByText("Show keyboard shortcuts").waitFor();
    await expectAccessible(page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("folds the sections behind a Menu button on a 360 px wide screen", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await openPortalAs(page, "northwind");
    const menu = page.getByRole("button", { name: "Menu" });
    const invoices = page.getByRole("link", { name: "Invoices", exact: true });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await invoices.isVisible()).toBe(false);
    // The page opens on its content, not on a screenful of links.
    const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
    expect((heading?.y ?? 999) + (heading?.height ?? 0)).toBeLessThan(740);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await expectAccessible(page);
    await invoices.click();
    await page.waitForURL(/\/portal\/invoices$/);
    await invoices.waitFor({ state: "hidden" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
  });

  it("mirrors the frame in a right-to-left document", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    const side = page.locator(".pt-shell__side");
    const main = page.getByRole("main");
    const before = [(await side.boundingBox())?.x ?? 0, (await main.boundingBox())?.x ?? 0];
    expect(before[0]).toBeLessThan(before[1] ?? 0);
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    const after = [(await side.boundingBox())?.x ?? 0, (await main.boundingBox())?.x ?? 0];
    expect(after[0]).toBeGreaterThan(after[1] ?? 0);
  });

  it("drops the navigation on sign-out", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Billing" }).count()).toBe(0);
  });
});
