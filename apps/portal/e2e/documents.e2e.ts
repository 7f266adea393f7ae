import { type BrowserSession, baseUrl, expectAccessible, launchBrowser } from "@portico/e2e";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalAs, openSection } from "./portal-pages.js";

// Northwind's library (a contract and a W-9, both PDFs) is only read here.
describe("portal documents library", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("lists the documents, filters them by kind, and downloads one by button and by keyboard", async () => {
    const page = await session.newPage();
    await openPortalAs(page, "northwind");
    await openSection(page, "Documents");
    const contract = page.getByRole("listitem").filter({
      has: page.getByRole("heading", { name: "Master Services Agreement" }),
    });
    await contract.waitFor();
    expect(await contract.getByText("Contract", { exact: true }).count()).toBe(1);
    expect(
      await contract.getByText("northwind-master-services-agreement.pdf", { exact: false }).count(),
    ).toBe(1);
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      contract.getByRole("button", { name: "Download Master Services Agreement" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("northwind-master-services-agreement.pdf");
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page
      .getByRole("status")
      .getByText("Downloading northwind-master-services-agreement.pdf.")
      .waitFor();

    await page.getByLabel("Show").selectOption({ label: "Tax form" });
    const w9 = page.getByRole("heading", { name: /^Form W-9/ });
    await w9.waitFor();
    await contract.waitFor({ state: "detached" });
    await expectAccessible(page);

    // Keyboard: j focuses the only row (once focus left the filter), Enter downloads it.
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("j");
    const [byKeyboard] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(byKeyboard.suggestedFilename()).toBe("acme-cloud-w9.pdf");

    await page.getByLabel("Show").selectOption({ label: "Other" });
    await page.getByRole("heading", { name: "No documents of this kind" }).waitFor();
    await expectAccessible(page);
  });

  it("says the library is not available when the configuration turns it off", async () => {
    const page = await session.newPage();
    // Turning the feature off for real would change the demo merchant's configuration for
    // every test file, so this browser alone is told it is off (the API refuses it too:
    // see packages/api/src/routers/portal/documents.int.test.ts).
    await page.route("**/trpc/**portal.configuration.get**", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        result?: { data?: { features?: Record<string, unknown> } };
      }[];
      for (const answer of body) {
        const features = answer.result?.data?.features;
        if (features) features.documents = { enabled: false };
      }
      await route.fulfill({ response, json: body });
    });
    await openPortalAs(page, "northwind");
    // Once the configuration has loaded (Statements shows), the navigation leaves Documents out.
    await page.getByRole("link", { name: "Statements" }).waitFor();
    expect(await page.getByRole("link", { name: "Documents" }).count()).toBe(0);
    await page.goto(`${baseUrl()}/portal/documents`);
    await page.getByRole("heading", { level: 1, name: "Documents" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Not available" }).waitFor();
    await expectAccessible(page);
  });

  it("fits the library and the statements screen on a 360 px wide phone", async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await openPortalAs(page, "northwind");
    for (const [path, item] of [
      ["documents", "Master Services Agreement"],
      ["statements", "Request a statement"],
    ] as const) {
      await page.goto(`${baseUrl()}/portal/${path}`);
      await page.getByRole("heading", { name: item }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    }
  });
});
