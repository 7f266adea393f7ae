import type { RouterOutputs } from "@portico/api";
import { type BrowserSession, expectAccessible, launchBrowser } from "@portico/e2e";
import { formatDate, formatMoney } from "@portico/i18n";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiQuery, openPortalAs } from "./portal-pages.js";

// Northwind, read only: its dashboard is checked against the API's own summary.

type Summary = RouterOutputs["portal"]["billing"]["summary"];

/** `portal.billing.summary` through the page's own session, as the SPA asks for it. */
const fetchSummary = (page: Page) => apiQuery<Summary>(page, "portal.billing.summary");

// The page is English (en-US) in these tests.
const money = (minor: number, currency: string) => formatMoney(minor, currency, "en-US");
const day = (iso: string) => formatDate(iso, "en-US");

describe("portal dashboard", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("shows the figures, invoices, plan and payments of the API's summary", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    const summary = await fetchSummary(page);
    const region = (name: string) => page.getByRole("region", { name, exact: true });
    const text = async (name: string) => (await region(name).textContent()) ?? "";
    const { credit, nextCharge } = summary;

    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      `Welcome, ${summary.customer.name}`,
    );
    expect(await text("Amount due")).toContain(money(summary.amountDue, credit.currency));
    if (nextCharge) {
      const next = await text("Next charge");
      expect(next).toContain(money(nextCharge.amount, nextCharge.currency));
      expect(next).toContain(`On ${day(nextCharge.date)}`);
      if (nextCharge.paymentMethod) expect(next).toContain(`ending in ${nextCharge.paymentMethod.last4}`);
    }
    if (credit.creditLimit !== null) {
      expect(await text("Account balance")).toContain(money(credit.creditLimit, credit.currency));
    }

    const invoices = region("Invoices to pay");
    const open = summary.openInvoices ?? [];
    if (open.length === 0) {
      await invoices.getByText("You're all caught up! No outstanding invoices.").waitFor();
    } else {
      expect(await invoices.getByRole("listitem").count()).toBe(open.length);
      for (const invoice of open) {
        const item = invoices.getByRole("listitem").filter({ hasText: `Invoice ${invoice.number}` });
        expect(await item.textContent()).toContain(money(invoice.amountRemaining, invoice.currency));
      }
    }

    const plan = await text("Your plan");
    for (const subscription of summary.subscriptions) {
      for (const item of subscription.items) expect(plan).toContain(item.productName);
    }

    const payments = region("Recent payments");
    const recent = summary.recentPayments ?? [];
    if (recent.length === 0) {
      await payments.getByText("No payments yet.").waitFor();
    } else {
      expect(await payments.getByRole("listitem").count()).toBe(recent.length);
      for (const payment of recent) {
        expect(await payments.textContent()).toContain(money(payment.amount, payment.currency));
      }
    }
    await expectAccessible(page);

    await payments.getByRole("link", { name: "View payment history" }).click();
    await page.getByRole("heading", { level: 1, name: "Payment history" }).waitFor();
  });

  it("fits a 360 px wide screen without horizontal scrolling", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await openPortalAs(page, "northwind");
    await page.getByRole("region", { name: "Your plan" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});
