import { type BrowserSession, baseUrl, launchBrowser, linkIn, waitForEmail } from "@portico/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertText, openFromNav, signInToDashboard, statusText } from "./console-pages.js";

const ADMIN = { email: "admin@acme.test", password: "portico-demo-admin", name: "Marcus Chen" };

describe("console users & invites", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(() => session?.close());

  it("invites by email; the link signs the invitee in; a password change ends their other session; role change and removal", async () => {
    // A new address per run, so the test does not depend on what ran before on this server.
    const email = `eve-${Date.now()}@acme.test`;
    const admin = await session.newPage();
    await signInToDashboard(admin, ADMIN.email, ADMIN.password, ADMIN.name);
    await openFromNav(admin, "Users");
    const table = admin.getByRole("table");
    await table
      .getByRole("row")
      .filter({ hasText: "owner@acme.test" })
      .getByText("Owner", { exact: true })
      .waitFor();
    await table.getByRole("row").filter({ hasText: ADMIN.email }).getByText("You", { exact: true }).waitFor();

    const since = new Date();
    await admin.getByLabel("Email address").fill(email);
    await admin.getByLabel("Their name").fill("Eve Tester");
    // Admins hand out admin and support; only owners make owners.
    expect(await admin.getByLabel("Role", { exact: true }).locator("option").allTextContents()).toEqual([
      "Admin",
      "Support",
    ]);
    await admin.getByLabel("Role", { exact: true }).selectOption("support");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await statusText(admin).getByText(`Invitation sent to ${email}.`).waitFor();
    const row = table.getByRole("row").filter({ hasText: email });
    await row.getByText("Invited", { exact: true }).waitFor();
    await row.getByRole("button", { name: `Resend the invitation to ${email}` }).waitFor();

    const mail = await waitForEmail({ to: email, subject: "invited you to Acme Cloud", since });
    const link = linkIn(mail, "/console/invite/");
    const invitee = await session.newPage();
    await invitee.goto(link.href);
    await invitee.getByRole("heading", { level: 1, name: "Join Acme Cloud" }).waitFor();
    await invitee.getByText(`You're invited as Support. You'll sign in with ${email}.`).waitFor();
    expect(await invitee.getByLabel("Name").inputValue()).toBe("Eve Tester");
    await invitee.getByLabel("New password", { exact: true }).fill("eve-first-password");
    await invitee.getByLabel("Confirm new password").fill("eve-first-password");
    await invitee.getByRole("button", { name: "Accept and sign in" }).click();
    await invitee.getByRole("heading", { level: 1, name: "Welcome, Eve Tester" }).waitFor();

    // The link was spent.
    const replay = await session.newPage();
    await replay.goto(link.href);
    await replay.getByRole("heading", { level: 1, name: "Invitation not valid" }).waitFor();

    await admin.reload();
    await row.getByText("Active", { exact: true }).waitFor();

    // Changing the password signs out the invitee's other session, not this one.
    const elsewhere = await session.newPage();
    await signInToDashboard(elsewhere, email, "eve-first-password", "Eve Tester");
    await openFromNav(invitee, "Account");
    await invitee.getByLabel("Current password").fill("eve-first-password");
    await invitee.getByLabel("New password", { exact: true }).fill("eve-second-password");
    await invitee.getByLabel("Confirm new password").fill("eve-second-password");
    await invitee.getByRole("button", { name: "Change password" }).click();
    await statusText(invitee).getByText("Password changed. 1 other session was signed out.").waitFor();
    await elsewhere.goto(`${baseUrl()}/console/`);
    await elsewhere.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await invitee.reload();
    await invitee.getByRole("heading", { level: 1, name: "Account" }).waitFor();

    // The admin promotes, then removes them: removal ends their sessions too.
    await row.getByLabel("Role for Eve Tester").selectOption("admin");
    await row.getByRole("button", { name: "Change the role of Eve Tester" }).click();
    await statusText(admin).getByText("Eve Tester is now Admin.").waitFor();
    await row.getByRole("button", { name: "Remove Eve Tester" }).click();
    await admin
      .getByRole("dialog", { name: "Remove Eve Tester?" })
      .getByRole("button", { name: "Remove" })
      .click();
    await statusText(admin).getByText("Eve Tester was removed.").waitFor();
    await invitee.goto(`${baseUrl()}/console/`);
    await invitee.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });

  it("refuses to invite a team member twice, and revokes a pending invitation", async () => {
    const admin = await session.newPage();
    await signInToDashboard(admin, ADMIN.email, ADMIN.password, ADMIN.name);
    await openFromNav(admin, "Users");
    await admin.getByLabel("Email address").fill("support@acme.test");
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await alertText(admin).getByText("Someone with this email address is already on the team.").waitFor();

    const email = `pending-${Date.now()}@acme.test`;
    await admin.getByLabel("Email address").fill(email);
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await statusText(admin).getByText(`Invitation sent to ${email}.`).waitFor();
    const row = admin.getByRole("table").getByRole("row").filter({ hasText: email });
    await row.getByRole("button", { name: `Revoke the invitation to ${email}` }).click();
    await admin
      .getByRole("dialog", { name: `Revoke the invitation to ${email}?` })
      .getByRole("button", { name: "Revoke invitation" })
      .click();
    await statusText(admin).getByText(`The invitation to ${email} was revoked.`).waitFor();
    // Never accepted: the invited user is gone from the team.
    await row.waitFor({ state: "detached" });
  });
});
