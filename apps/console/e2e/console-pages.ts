import { type BrowserSession, baseUrl, linkIn, waitForEmail } from "@portico/e2e";
import type { Page } from "playwright-core";

/** Opens the console's sign-in page and submits the credentials. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl()}/console/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in a user without MFA and waits for the dashboard's greeting. */
export async function signInToDashboard(page: Page, email: string, password: string, name: string) {
  await signIn(page, email, password);
  await page.getByRole("heading", { level: 1, name: `Welcome, ${name}` }).waitFor();
}

/** Follows a link of the console's left navigation and waits for the page's heading. */
export async function openFromNav(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: link }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/** The `name` attribute of the focused element. */
export const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("name") ?? null);

/** Presses Tab until the field called `name` has focus (at most `max` times). */
export async function tabTo(page: Page, name: string, max = 8): Promise<void> {
  for (let i = 0; i < max && (await focusedName(page)) !== name; i++) await page.keyboard.press("Tab");
}

/** Whether the focused element draws a focus outline. */
export const focusVisible = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle !== "none");

/** Live regions that currently say something (Notice keeps empty ones in the page). */
export const statusText = (page: Page) => page.getByRole("status").filter({ hasText: /\S/ });
export const alertText = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

/**
 * Has `admin` (signed in, on any console page) invite `email` as support, and accepts the
 * e-mailed invitation in a new page: a console user no other test knows. Returns that page,
 * signed in on the dashboard.
 */
export async function inviteAndAccept(
  session: BrowserSession,
  admin: Page,
  invitee: { email: string; name: string; password: string },
): Promise<Page> {
  await openFromNav(admin, "Users");
  const since = new Date();
  await admin.getByLabel("Email address").fill(invitee.email);
  await admin.getByLabel("Their name").fill(invitee.name);
  await admin.getByLabel("Role", { exact: true }).selectOption("support");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await statusText(admin).getByText(`Invitation sent to ${invitee.email}.`).waitFor();
  const mail = await waitForEmail({ to: invitee.email, subject: "invited you to", since });
  const page = await session.newPage();
  await page.goto(linkIn(mail, "/console/invite/").href);
  await page.getByLabel("New password", { exact: true }).fill(invitee.password);
  await page.getByLabel("Confirm new password").fill(invitee.password);
  await page.getByRole("button", { name: "Accept and sign in" }).click();
  await page.getByRole("heading", { level: 1, name: `Welcome, ${invitee.name}` }).waitFor();
  return page;
}
