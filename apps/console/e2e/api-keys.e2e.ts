import { type BrowserSession, launchBrowser } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromNav, signInToDashboard, statusText } from "./console-pages.js";

const ADMIN = { email: "admin@acme.test", password: "portico-demo-admin", name: "Marcus Chen" };

describe("console API keys", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("creates a key shown once with a warning, lists it by prefix, and revokes it after confirming", async () => {
    const page = await session.newPage();
    await signInToDashboard(page, ADMIN.email, ADMIN.password, ADMIN.name);
    await openFromNav(page, "API keys");
    // The demo seed's sandbox key is listed by its prefix only.
    const table = page.getByRole("table");
    await table
      .getByText(/^sk_test_\S{4}…$/)
      .first()
      .waitFor();

    const name = `E2E backend ${Date.now()}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("radio", { name: "Live" }).check();
    await page.getByRole("button", { name: "Create key" }).click();

    const created = page.getByRole("heading", { level: 2, name: `Your new key “${name}”` });
    await created.waitFor();
    expect(await created.evaluate((h) => h === document.activeElement)).toBe(true);
    await page
      .getByText("Copy this key now and store it safely. For your security it won't be shown again.")
      .waitFor();
    const secret = (await page.getByLabel("New API key").textContent())!;
    expect(secret).toMatch(/^sk_live_[a-z2-7]{32}$/);
    await page.getByRole("button", { name: "Copy key" }).waitFor();

    const row = table.getByRole("row").filter({ hasText: name });
    await row.getByText(`${secret.slice(0, 12)}…`).waitFor();
    await row.getByText("Live", { exact: true }).waitFor();
    await row.getByText("Never", { exact: true }).waitFor();

    // Shown once: gone after "I've copied it", and not in the page after a reload either.
    await page.getByRole("button", { name: "I've copied it" }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);

    // Revoke asks first; Cancel (the default focus) changes nothing.
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await dialog.waitFor();
    expect(
      await dialog.getByRole("button", { name: "Cancel" }).evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await statusText(page).getByText(`“${name}” was revoked.`).waitFor();
    await row.getByText(/^Revoked /).waitFor();
    expect(await row.getByRole("button", { name: `Revoke ${name}` }).count()).toBe(0);
  });
});
