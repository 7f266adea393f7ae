import {
  type BrowserSession,
  baseUrl,
  codeIn,
  expectAccessible,
  launchBrowser,
  waitForEmail,
} from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs, openSection } from "./portal-pages.js";

// Umbrella is this file's customer; its seeded details (packages/db/src/seed/customers.ts)
// are put back at the end, so other files find them as seeded.
const SEEDED = {
  phone: "+44 20 7946 0321",
  line1: "14 Clerkenwell Close",
  city: "London",
  postalCode: "EC1R 0AN",
  country: "United Kingdom",
  email: "ops@umbrella.test",
};
const NEW_EMAIL = "billing@umbrella.test";
const SUBJECT = "Confirm your new Acme Cloud billing e-mail";

async function openBillingDetails(page: Page) {
  await page.goto(`${baseUrl()}/portal/billing-details`);
  await page.getByRole("heading", { level: 1, name: "Billing details" }).waitFor();
  await page.getByLabel("Phone").waitFor();
}

async function saveDetails(page: Page, details: Omit<typeof SEEDED, "email">) {
  await page.getByLabel("Phone").fill(details.phone);
  await page.getByLabel("Address line 1").fill(details.line1);
  await page.getByLabel("City").fill(details.city);
  await page.getByLabel("Postal code").fill(details.postalCode);
  await page.getByLabel("Country").selectOption({ label: details.country });
  await page.getByRole("button", { name: "Save billing details" }).click();
  await page.getByRole("status").getByText("Billing details saved.").waitFor();
}

/** Asks for a code to `email`, reads it from the mailbox and confirms it. */
async function changeEmail(page: Page, email: string) {
  await page.getByRole("button", { name: "Change billing email" }).click();
  await page.getByLabel("New email address").fill(email);
  const since = new Date();
  await page.getByRole("button", { name: "Send code" }).click();
  await page.getByRole("status").getByText(`We sent a code to ${email}.`).waitFor();
  // The code field takes the focus.
  expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("code");
  return codeIn(await waitForEmail({ to: email, subject: SUBJECT, since }));
}

describe("portal billing details", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("changes the address and phone, checked inline, and keeps them after a reload", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "umbrella");
    await openSection(page, "Billing details");
    await expectAccessible(page);
    expect(await page.getByLabel("Phone").inputValue()).toBe(SEEDED.phone);

    // A phone number with letters is refused before anything is sent, next to the field.
    await page.getByLabel("Phone").fill("call the office");
    await page.getByRole("button", { name: "Save billing details" }).click();
    await page.getByRole("alert").getByText("Some details need fixing.", { exact: false }).waitFor();
    expect(await page.getByLabel("Phone").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("phone");
    await expectAccessible(page);

    await saveDetails(page, {
      phone: "+353 1 555 0142",
      line1: "2 Grand Canal Square",
      city: "Dublin",
      postalCode: "D02 A342",
      country: "Ireland",
    });
    await page.reload();
    await openBillingDetails(page);
    expect(await page.getByLabel("Phone").inputValue()).toBe("+353 1 555 0142");
    expect(await page.getByLabel("Address line 1").inputValue()).toBe("2 Grand Canal Square");
    expect(await page.getByLabel("City").inputValue()).toBe("Dublin");
    expect(await page.getByLabel("Postal code").inputValue()).toBe("D02 A342");
    expect(await page.getByLabel("Country").inputValue()).toBe("IE");

    await saveDetails(page, SEEDED);
  });

  it("changes the billing email with the code sent to the new address", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "umbrella");
    await openBillingDetails(page);
    await page.getByText(`Invoices and receipts go to ${SEEDED.email}.`).waitFor();

    const code = await changeEmail(page, NEW_EMAIL);
    await page.getByText(`We sent a code to ${NEW_EMAIL}. Enter it below before`).waitFor();
    await expectAccessible(page);
    // A wrong code is refused at the field; the right one applies the change.
    await page.getByLabel("Confirmation code").fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Confirm new email" }).click();
    await page.getByText("That code is wrong or has expired.", { exact: false }).waitFor();
    await page.getByLabel("Confirmation code").fill(code);
    await page.getByRole("button", { name: "Confirm new email" }).click();
    await page.getByRole("status").getByText(`Your billing email is now ${NEW_EMAIL}.`).waitFor();
    await page.reload();
    await page.getByText(`Invoices and receipts go to ${NEW_EMAIL}.`).waitFor();
    await expectAccessible(page);

    const back = await changeEmail(page, SEEDED.email);
    await page.getByLabel("Confirmation code").fill(back);
    await page.getByRole("button", { name: "Confirm new email" }).click();
    await page.getByRole("status").getByText(`Your billing email is now ${SEEDED.email}.`).waitFor();
  });

  it("fits a 360 px wide screen", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await openPortalAs(page, "umbrella");
    await openBillingDetails(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});
