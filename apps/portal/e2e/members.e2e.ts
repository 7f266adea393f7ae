import {
  type BrowserSession,
  baseUrl,
  createPortalLink,
  launchBrowser,
  linkIn,
  waitForEmail,
} from "@portico/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, invite, signIn } from "./portal-pages.js";

const ADMIN = "billing@initech.test";
const CUSTOMER = "Initech LLC";
const INVITE_SUBJECT = "invited you to Acme Cloud";

const status = (page: Page, text: string) => page.getByRole("status").getByText(text).waitFor();
const record = (page: Page, name: string) => page.getByRole("listitem").filter({ hasText: name });

describe("portal members and invitations", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("invites a member who joins through the emailed link; the admin changes the role and removes them", async () => {
    const admin = await session.newPage();
    await signIn(admin, ADMIN, CUSTOMER);
    await admin.getByRole("link", { name: "Members" }).click();
    await admin.getByRole("heading", { level: 1, name: "Members" }).waitFor();
    await record(admin, "Bill Lumbergh").getByText("You").waitFor();

    let since = new Date();
    await invite(admin, "milton@initech.test", "Milton Waddams");
    await record(admin, "Milton Waddams").getByText("Invited", { exact: true }).waitFor();
    await waitForEmail({ to: "milton@initech.test", subject: INVITE_SUBJECT, since });

    // Resending mails a new link; the newest one is used.
    since = new Date();
    await admin.getByRole("button", { name: "Resend the invitation to Milton Waddams" }).click();
    await status(admin, "Invitation sent again to milton@initech.test.");
    const mail = await waitForEmail({ to: "milton@initech.test", subject: INVITE_SUBJECT, since });

    const milton = await session.newPage();
    await milton.goto(`${baseUrl()}${linkIn(mail, "/portal/invite/").pathname}`);
    await milton.getByRole("heading", { level: 1, name: `Join ${CUSTOMER}` }).waitFor();
    expect(await milton.getByLabel("Email address").inputValue()).toBe("milton@initech.test");
    expect(await milton.getByLabel("Your name").inputValue()).toBe("Milton Waddams");
    await acceptInvitation(milton, linkIn(mail, "/portal/invite/"), CUSTOMER, "red-stapler-2026");

    // A member sees the list, read-only.
    await milton.getByRole("link", { name: "Members" }).click();
    await milton.getByText("Only admins can invite, change or remove members.").waitFor();
    expect(await milton.getByRole("region", { name: "Invite someone" }).count()).toBe(0);
    await record(milton, "Bill Lumbergh").waitFor();
    expect(await milton.getByRole("button", { name: /^(Remove|Make|Resend|Revoke)/ }).count()).toBe(0);

    await admin.reload();
    await record(admin, "Milton Waddams").getByText("Active", { exact: true }).waitFor();
    await admin.getByRole("button", { name: "Make Milton Waddams an admin" }).click();
    await status(admin, "The role of Milton Waddams was changed.");
    await record(admin, "Milton Waddams").getByText("Admin", { exact: true }).waitFor();

    // Removal is confirmed inline; the keyboard focus follows.
    await admin.getByRole("button", { name: "Remove Milton Waddams" }).click();
    await admin.getByText("Remove Milton Waddams from this account?").waitFor();
    expect(await admin.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Remove Milton Waddams",
    );
    await admin.keyboard.press("Enter");
    await status(admin, "Milton Waddams was removed.");

    // The removed member's session is over.
    await milton.goto(`${baseUrl()}/portal/members`);
    await milton.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });

  it("revokes an invitation, after which its link no longer opens", async () => {
    const admin = await session.newPage();
    await signIn(admin, ADMIN, CUSTOMER);
    const since = new Date();
    await invite(admin, "peter@initech.test", "Peter Gibbons");
    const mail = await waitForEmail({ to: "peter@initech.test", subject: INVITE_SUBJECT, since });

    await admin.getByRole("button", { name: "Revoke the invitation of Peter Gibbons" }).click();
    await admin.getByRole("button", { name: "Cancel" }).click();
    expect(await admin.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Revoke the invitation of Peter Gibbons",
    );
    await admin.getByRole("button", { name: "Revoke the invitation of Peter Gibbons" }).click();
    await admin.getByText("Revoke the invitation of Peter Gibbons?").waitFor();
    await admin.keyboard.press("Enter");
    await status(admin, "The invitation to peter@initech.test was revoked.");

    const peter = await session.newPage();
    await peter.goto(`${baseUrl()}${linkIn(mail, "/portal/invite/").pathname}`);
    await peter
      .getByRole("heading", { level: 1, name: "This invitation has expired or was already used" })
      .waitFor();
  });

  it("tells a portal-link visitor to sign in with their own account", async () => {
    const link = await createPortalLink({
      customer: "acct_initech",
      returnUrl: "https://initech.example/billing",
    });
    const page = await session.newPage();
    await page.goto(link.href);
    await page.getByRole("heading", { level: 1, name: `Welcome, ${CUSTOMER}` }).waitFor();
    for (const title of ["Members", "Security"]) {
      await page.getByRole("link", { name: title }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await page.getByRole("button", { name: "Sign in with your own account" }).waitFor();
    }
    await page.getByRole("button", { name: "Sign in with your own account" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });
});
