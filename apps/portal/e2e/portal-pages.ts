import { baseUrl, createPortalLink } from "@portico/e2e";
import type { Page } from "playwright-core";

/** Every seeded portal user's password (packages/db/src/seed/demo-accounts.ts). */
export const DEMO_PASSWORD = "portico-demo-customer";

/** The non-empty alerts of the page (live regions stay in the page while empty). */
export const alertText = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

/** A `portal.*` query through the page's own session, as the SPA makes it. */
export function apiQuery<T>(page: Page, path: string, input?: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, input }) => {
      const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const response = await fetch(`/trpc/${path}${query}`, { credentials: "include" });
      return ((await response.json()) as { result: { data: T } }).result.data;
    },
    { path, input },
  );
}

/** Password sign-in on /portal/login; waits for the dashboard's greeting of `customer`. */
export async function signIn(page: Page, email: string, customer: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl()}/portal/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: `Welcome, ${customer}` }).waitFor();
}

/** Opens an e-mailed invitation link and joins with a new password; waits for the dashboard. */
export async function acceptInvitation(page: Page, link: URL, customer: string, password: string) {
  await page.goto(`${baseUrl()}${link.pathname}`);
  await page.getByRole("heading", { level: 1, name: `Join ${customer}` }).waitFor();
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await page.getByRole("heading", { level: 1, name: `Welcome, ${customer}` }).waitFor();
}

/** On /portal/members as an admin: invites `email` and waits for the confirmation. */
export async function invite(page: Page, email: string, name: string, role: "Member" | "Admin" = "Member") {
  await page.goto(`${baseUrl()}/portal/members`);
  const form = page.getByRole("region", { name: "Invite someone" });
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Name (optional)").fill(name);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await page.getByRole("status").getByText(`Invitation sent to ${email}.`).waitFor();
}

/**
 * Opens the portal as `customer` (a demo customer key: "globex", "wayne"…) through a fresh
 * portal link, the way a merchant's app sends its users; waits for the dashboard.
 */
export async function openPortalAs(page: Page, customer: string, returnUrl?: string) {
  const link = await createPortalLink({ customer: `acct_${customer}`, returnUrl });
  await page.goto(`${baseUrl()}${link.pathname}`);
  await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
}

/** Follows the side navigation's link to `section` ("Invoices"…) and waits for its heading. */
export async function openSection(page: Page, section: string) {
  // On a phone the sections sit behind the Menu button.
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation").getByRole("link", { name: section, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: section }).waitFor();
}

/** Where `npm run screenshots` has the browser tests save the README's screenshots. */
const SCREENSHOTS_DIR = process.env.PORTICO_SCREENSHOTS_DIR;

/**
 * Saves `docs/screenshots/<name>-desktop.png` and `<name>-360.png` of what `page` shows, or
 * of `path` opened in the same browser context; does nothing unless PORTICO_SCREENSHOTS_DIR
 * is set. Screenshots are taken on the way through real flows, so they show real states.
 */
export async function captureScreens(page: Page, name: string, path?: string): Promise<void> {
  if (!SCREENSHOTS_DIR) return;
  const target = path ? await page.context().newPage() : page;
  if (path) await target.goto(`${baseUrl()}${path}`);
  await target.getByRole("heading", { level: 1 }).first().waitFor();
  await target.waitForLoadState("networkidle");
  const original = target.viewportSize() ?? { width: 1280, height: 800 };
  for (const [suffix, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["360", { width: 360, height: 780 }],
  ] as const) {
    await target.setViewportSize(viewport);
    await target.screenshot({ path: `${SCREENSHOTS_DIR}/${name}-${suffix}.png`, fullPage: true });
  }
  await target.setViewportSize(original);
  if (path) await target.close();
}
