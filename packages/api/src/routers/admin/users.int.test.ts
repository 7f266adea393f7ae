import {
  CONSOLE_SESSION_COOKIE,
  decodeTotpSecret,
  hashPassword,
  SecretKeyring,
  totpCodeAt,
  totpStep,
} from "@portico/auth";
import { type AppError, type Clock } from "@portico/core";
import { AuditEvent, EmailMessage, Merchant, MerchantUser, OneTimeToken } from "@portico/db";
import { createTestDatabase, TEST_ENCRYPTION_KEY, type TestDatabase } from "@portico/db/testing";
import { type TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies, type MemoryCookies } from "../../cookies.js";
import { setPublicUrl } from "../../procedures/integration.js";
import { openBrowser } from "../../test/browser.js";
import { failure } from "../../test/failure.js";

const ORIGIN = "https://billing.acme.test";
const PASSWORD = "right-password-1";
const NEW_PASSWORD = "invitee-password-1";
const DAY_MS = 24 * 60 * 60_000;

const clockState = { now: new Date("2026-03-01T09:00:00Z").getTime() };
const clock: Clock = { now: () => new Date(clockState.now) };
/** Moves on by `ms` (default: one TOTP step, so a fresh code is due). */
const tick = (ms = 30_000) => void (clockState.now += ms);
const secretKeys = new SecretKeyring(TEST_ENCRYPTION_KEY);

describe("admin.users and console invitations", () => {
  let db: TestDatabase;

  const browser = (jar: MemoryCookies = memoryCookies()) =>
    openBrowser(db, { clock, origin: ORIGIN, jar, secretKeys });

  const totpSecrets = new Map<string, string>();
  const totpCode = (email: string) =>
    totpCodeAt(decodeTotpSecret(totpSecrets.get(email)!), totpStep(clock.now()));

  /** A console session past MFA: owners enrol a TOTP key on their first sign-in. */
  async function consoleAs(email: string, merchant = "acme") {
    const b = browser();
    const login = await b.call().auth.console.login({ merchant, email, password: PASSWORD });
    if (login.mfaEnrollmentRequired) {
      const { secret } = await b.call().auth.console.mfa.beginEnrollment();
      totpSecrets.set(email, secret);
      tick();
      await b.call().auth.console.mfa.confirmEnrollment({ code: totpCode(email) });
    } else if (login.mfaRequired) {
      tick();
      await b.call().auth.console.mfa.verify({ code: totpCode(email) });
    }
    return b.call;
  }

  /** The secret of the newest invitation link e-mailed to `to` (from the outbox). */
  async function invitationSecret(to: string): Promise<string> {
    const [mail] = await db.em().find(EmailMessage, { to }, { orderBy: { id: "desc" }, limit: 1 });
    const match = /https:\/\/billing\.acme\.test\/console\/invite\/([a-z2-7]{32})/.exec(mail?.text ?? "");
    expect(match, `an invitation e-mail to ${to}`).not.toBeNull();
    return match![1]!;
  }
  const mailsTo = (to: string) => db.em().count(EmailMessage, { to });
  const audits = (action: string, targetId?: string) =>
    db.em().find(AuditEvent, { action, ...(targetId ? { targetId } : {}) }, { orderBy: { id: "asc" } });

  beforeAll(async () => {
    setPublicUrl(ORIGIN);
    db = await createTestDatabase();
    const em = db.em();
    const passwordHash = await hashPassword(PASSWORD);
    const acme = em.create(Merchant, { slug: "acme", name: "Acme" });
    const beta = em.create(Merchant, { slug: "beta", name: "Beta" });
    for (const [merchant, email, role] of [
      [acme, "olivia@acme.test", "owner"],
      [acme, "otto@acme.test", "owner"],
      [acme, "adam@acme.test", "admin"],
      [acme, "sam@acme.test", "support"],
      [beta, "bea@beta.test", "admin"],
    ] as const) {
      em.create(MerchantUser, { merchant, email, name: email.split("@")[0]!, role, passwordHash });
    }
    await em.flush();
  });
  afterAll(() => db?.close());

  it("invites a user by e-mail who accepts the link once and is signed in", async () => {
    const adam = await consoleAs("adam@acme.test");
    const invited = await adam().admin.users.invite({ email: " New.Person@Acme.test ", role: "support" });
    expect(invited).toEqual({
      id: expect.stringMatching(/^mu_/),
      email: "new.person@acme.test",
      name: "new.person",
      role: "support",
      status: "invited",
      mfaEnabled: false,
      lastLoginAt: null,
      invitedAt: clock.now().toISOString(),
      isSelf: false,
    });
    const list = await adam().admin.users.list();
    expect(list.find((u) => u.id === invited.id)).toEqual(invited);
    expect(list.filter((u) => u.isSelf).map((u) => u.email)).toEqual(["adam@acme.test"]);

    const secret = await invitationSecret("new.person@acme.test");
    const [mail] = await db.em().find(EmailMessage, { to: "new.person@acme.test" });
    expect(mail!.subject).toBe("adam invited you to Acme");
    expect(mail!.text).toContain("expires in 168 hours");
    // Only the SHA-256 of the link secret is stored.
    const tokens = await db
      .em()
      .getConnection()
      .execute<{ token_hash: string }[]>(
        `select token_hash from one_time_token where purpose = 'invitation'`,
      );
    expect(tokens.length).toBeGreaterThan(0);
    for (const { token_hash } of tokens) {
      expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(token_hash).not.toContain(secret);
    }

    // Before accepting: no password sign-in, no reset link.
    const anon = browser();
    expect(
      await failure(
        anon.call().auth.console.login({ email: "new.person@acme.test", password: NEW_PASSWORD }),
      ),
    ).toBe("UNAUTHORIZED INVALID_CREDENTIALS");
    const before = await mailsTo("new.person@acme.test");
    expect(await anon.call().auth.console.requestPasswordReset({ email: "new.person@acme.test" })).toEqual({
      ok: true,
    });
    expect(await mailsTo("new.person@acme.test")).toBe(before);

    expect(await anon.call().auth.console.invitation({ secret })).toEqual({
      email: "new.person@acme.test",
      name: "new.person",
      role: "support",
      merchantName: "Acme",
    });
    // A weak password is refused before anything is spent.
    expect(
      await failure(anon.call().auth.console.acceptInvitation({ secret, name: "N", password: "short" })),
    ).toBe("BAD_REQUEST INVALID_INPUT");

    const accepted = await anon
      .call()
      .auth.console.acceptInvitation({ secret, name: " Nina Person ", password: NEW_PASSWORD });
    expect(accepted).toMatchObject({
      merchant: { slug: "acme", name: "Acme" },
      user: { id: invited.id, email: "new.person@acme.test", name: "Nina Person", role: "support" },
      session: { mfaVerified: true },
      mfaRequired: false,
      mfaEnrollmentRequired: false,
    });
    expect(anon.jar.get(CONSOLE_SESSION_COOKIE)).toBeTruthy();
    expect(await anon.call().auth.console.session()).toMatchObject({ user: { id: invited.id } });

    // The link works once.
    expect(await failure(anon.call().auth.console.invitation({ secret }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );
    expect(
      await failure(
        browser().call().auth.console.acceptInvitation({ secret, name: "X", password: "another-password-2" }),
      ),
    ).toBe("NOT_FOUND INVITATION_INVALID");
    await browser().call().auth.console.login({ email: "new.person@acme.test", password: NEW_PASSWORD });

    const stored = await db.em().findOneOrFail(MerchantUser, { publicId: invited.id });
    expect(stored.emailVerifiedAt).not.toBeNull();
    expect((await adam().admin.users.list()).find((u) => u.id === invited.id)?.status).toBe("active");

    const [invitedEvent] = await audits("Auth.UserInvited", invited.id);
    expect(invitedEvent).toMatchObject({
      actorType: "merchant_user",
      actorId: list.find((u) => u.isSelf)!.id,
      ip: "198.51.100.7",
      userAgent: "vitest",
      data: { email: "new.person@acme.test", role: "support" },
    });
    expect(await audits("Auth.InvitationAccepted", invited.id)).toHaveLength(1);
  });

  it("lets only owners grant, change or remove the owner role; support users manage nobody", async () => {
    const adam = await consoleAs("adam@acme.test");
    const olivia = await consoleAs("olivia@acme.test");
    const sam = await consoleAs("sam@acme.test");
    const users = await olivia().admin.users.list();
    const id = (email: string) => users.find((u) => u.email === email)!.id;

    expect(await failure(adam().admin.users.invite({ email: "boss@acme.test", role: "owner" }))).toBe(
      "FORBIDDEN OWNER_REQUIRED",
    );
    expect(
      await failure(adam().admin.users.updateRole({ user: id("olivia@acme.test"), role: "admin" })),
    ).toBe("FORBIDDEN OWNER_REQUIRED");
    expect(await failure(adam().admin.users.updateRole({ user: id("sam@acme.test"), role: "owner" }))).toBe(
      "FORBIDDEN OWNER_REQUIRED",
    );
    expect(await failure(adam().admin.users.remove({ user: id("otto@acme.test") }))).toBe(
      "FORBIDDEN OWNER_REQUIRED",
    );
    expect(
      await failure(adam().admin.users.updateRole({ user: id("adam@acme.test"), role: "support" })),
    ).toBe("FORBIDDEN SELF_NOT_ALLOWED");
    expect(await failure(olivia().admin.users.remove({ user: id("olivia@acme.test") }))).toBe(
      "FORBIDDEN SELF_NOT_ALLOWED",
    );
    expect(await failure(sam().admin.users.list())).toBe("FORBIDDEN ROLE_NOT_ALLOWED");
    expect(await failure(sam().admin.users.invite({ email: "x@acme.test", role: "support" }))).toBe(
      "FORBIDDEN ROLE_NOT_ALLOWED",
    );
    // An e-mail that already signs in here is a conflict, whatever its case.
    expect(await failure(adam().admin.users.invite({ email: "OLIVIA@acme.test", role: "admin" }))).toBe(
      "CONFLICT USER_EXISTS",
    );
    // Bad input changes nothing.
    expect(
      await failure(
        olivia().admin.users.updateRole({ user: id("sam@acme.test"), role: "root" as unknown as "admin" }),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(adam().admin.users.invite({ email: "not-an-email", role: "admin" }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await db.em().count(MerchantUser, { email: "not-an-email" })).toBe(0);

    const promoted = await adam().admin.users.updateRole({ user: id("sam@acme.test"), role: "admin" });
    expect(promoted).toMatchObject({ role: "admin", status: "active" });
    // The change counts on the very next request, without a new sign-in.
    expect((await sam().admin.users.list()).length).toBeGreaterThan(0);
    expect(await audits("Auth.UserRoleChanged", promoted.id)).toMatchObject([
      { actorType: "merchant_user", data: { from: "support", to: "admin" }, ip: "198.51.100.7" },
    ]);
    await olivia().admin.users.updateRole({ user: id("sam@acme.test"), role: "support" });

    // An owner invites an owner, who must enrol MFA right after accepting.
    await olivia().admin.users.invite({ email: "co-owner@acme.test", name: "Co Owner", role: "owner" });
    const secret = await invitationSecret("co-owner@acme.test");
    expect(await browser().call().auth.console.invitation({ secret })).toMatchObject({ role: "owner" });
    const newOwner = browser();
    const accepted = await newOwner
      .call()
      .auth.console.acceptInvitation({ secret, name: "Co Owner", password: NEW_PASSWORD });
    expect(accepted).toMatchObject({
      user: { role: "owner", mfaEnabled: false },
      session: { mfaVerified: false },
      mfaEnrollmentRequired: true,
    });
    expect(await failure(newOwner.call().admin.users.list())).toBe("FORBIDDEN MFA_REQUIRED");
    // An owner may remove another owner.
    expect(await olivia().admin.users.remove({ user: accepted.user.id })).toMatchObject({
      status: "disabled",
    });
  });

  it("replaces the link on resend, expires it after 7 days, and revoking ends it", async () => {
    const adam = await consoleAs("adam@acme.test");
    const invited = await adam().admin.users.invite({ email: "late@acme.test", role: "admin" });
    const first = await invitationSecret("late@acme.test");
    tick(60_000);
    const resent = await adam().admin.users.resendInvite({ user: invited.id });
    expect(resent.invitedAt).toBe(clock.now().toISOString());
    const second = await invitationSecret("late@acme.test");
    expect(second).not.toBe(first);
    // A new request each time, as a browser would make.
    const anon = () => browser().call();
    expect(await failure(anon().auth.console.invitation({ secret: first }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );
    expect(await anon().auth.console.invitation({ secret: second })).toMatchObject({
      email: "late@acme.test",
    });

    // Inviting the same e-mail again also replaces the link (and may change the role).
    await adam().admin.users.invite({ email: "late@acme.test", role: "support" });
    const third = await invitationSecret("late@acme.test");
    expect(await failure(anon().auth.console.invitation({ secret: second }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );
    expect(await anon().auth.console.invitation({ secret: third })).toMatchObject({ role: "support" });

    tick(7 * DAY_MS + 1000);
    expect(await failure(anon().auth.console.invitation({ secret: third }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );
    expect(
      await failure(
        anon().auth.console.acceptInvitation({ secret: third, name: "Late", password: NEW_PASSWORD }),
      ),
    ).toBe("NOT_FOUND INVITATION_INVALID");

    const adamNow = await consoleAs("adam@acme.test");
    await adamNow().admin.users.resendInvite({ user: invited.id });
    const fourth = await invitationSecret("late@acme.test");
    expect(await adamNow().admin.users.revokeInvite({ user: invited.id })).toEqual({ ok: true });
    expect(await failure(anon().auth.console.invitation({ secret: fourth }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );
    // Never signed in: the invitee is gone, and the e-mail can be invited afresh.
    expect((await adamNow().admin.users.list()).map((u) => u.email)).not.toContain("late@acme.test");
    expect(await audits("Auth.InvitationRevoked", invited.id)).toMatchObject([
      { actorType: "merchant_user", data: { email: "late@acme.test", deleted: true } },
    ]);
    expect(await db.em().count(OneTimeToken, { email: "late@acme.test", consumedAt: null })).toBe(0);
    const again = await adamNow().admin.users.invite({ email: "late@acme.test", role: "admin" });
    expect(again.status).toBe("invited");

    const olivia = (await adamNow().admin.users.list()).find((u) => u.email === "olivia@acme.test")!;
    expect(await failure(adamNow().admin.users.resendInvite({ user: olivia.id }))).toBe(
      "CONFLICT INVITATION_NOT_PENDING",
    );
    expect(await failure(adamNow().admin.users.revokeInvite({ user: olivia.id }))).toBe(
      "CONFLICT INVITATION_NOT_PENDING",
    );
  });

  it("spends a link exactly once when two browsers accept it at the same time", async () => {
    const adam = await consoleAs("adam@acme.test");
    await adam().admin.users.invite({ email: "racer@acme.test", role: "support" });
    const secret = await invitationSecret("racer@acme.test");
    const [a, b] = [browser(), browser()];
    const results = await Promise.allSettled([
      a.call().auth.console.acceptInvitation({ secret, name: "Racer A", password: "password-of-a-1" }),
      b.call().auth.console.acceptInvitation({ secret, name: "Racer B", password: "password-of-b-1" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected")!;
    expect(((rejected.reason as TRPCError).cause as AppError).reason).toBe("INVITATION_INVALID");
    const winner = results[0]!.status === "fulfilled" ? "a" : "b";
    await browser()
      .call()
      .auth.console.login({ email: "racer@acme.test", password: `password-of-${winner}-1` });
    const accepted = (await audits("Auth.InvitationAccepted")).filter(
      (event) => event.data.email === "racer@acme.test",
    );
    expect(accepted).toHaveLength(1);
  });

  it("removes a user: disabled, signed out everywhere, no way back in until invited again", async () => {
    const adam = await consoleAs("adam@acme.test");
    const rita = await adam().admin.users.invite({ email: "rita@acme.test", role: "support" });
    const ritaBrowser = browser();
    await ritaBrowser.call().auth.console.acceptInvitation({
      secret: await invitationSecret("rita@acme.test"),
      name: "Rita",
      password: NEW_PASSWORD,
    });
    const other = browser();
    await other.call().auth.console.login({ email: "rita@acme.test", password: NEW_PASSWORD });

    const removed = await adam().admin.users.remove({ user: rita.id });
    expect(removed).toMatchObject({ id: rita.id, status: "disabled" });
    for (const session of [ritaBrowser, other]) {
      expect(await failure(session.call().auth.console.session())).toBe("UNAUTHORIZED SESSION_REQUIRED");
    }
    expect(
      await failure(browser().call().auth.console.login({ email: "rita@acme.test", password: NEW_PASSWORD })),
    ).toBe("UNAUTHORIZED INVALID_CREDENTIALS");
    const mails = await mailsTo("rita@acme.test");
    await browser().call().auth.console.requestPasswordReset({ email: "rita@acme.test" });
    expect(await mailsTo("rita@acme.test")).toBe(mails);
    expect(await audits("Auth.UserRemoved", rita.id)).toMatchObject([
      { actorType: "merchant_user", data: { email: "rita@acme.test", sessionsRevoked: 2 } },
    ]);
    expect(await failure(adam().admin.users.updateRole({ user: rita.id, role: "admin" }))).toBe(
      "CONFLICT USER_DISABLED",
    );

    // Invited again she starts afresh: the old password is gone, the new link sets one.
    const back = await adam().admin.users.invite({ email: "rita@acme.test", role: "admin" });
    expect(back).toMatchObject({ id: rita.id, status: "invited", role: "admin" });
    expect(
      await failure(browser().call().auth.console.login({ email: "rita@acme.test", password: NEW_PASSWORD })),
    ).toBe("UNAUTHORIZED INVALID_CREDENTIALS");
    // Revoking the invitation of someone who had signed in keeps the row, disabled.
    await adam().admin.users.revokeInvite({ user: rita.id });
    expect((await adam().admin.users.list()).find((u) => u.id === rita.id)?.status).toBe("disabled");
  });

  it("keeps merchants apart: another merchant's users are NOT_FOUND and not listed", async () => {
    const adam = await consoleAs("adam@acme.test");
    const bea = await consoleAs("bea@beta.test", "beta");
    const pending = await adam().admin.users.invite({ email: "pending@acme.test", role: "support" });
    const sam = (await adam().admin.users.list()).find((u) => u.email === "sam@acme.test")!;
    expect((await bea().admin.users.list()).map((u) => u.email)).toEqual(["bea@beta.test"]);
    for (const call of [
      () => bea().admin.users.updateRole({ user: sam.id, role: "admin" }),
      () => bea().admin.users.remove({ user: sam.id }),
      () => bea().admin.users.resendInvite({ user: pending.id }),
      () => bea().admin.users.revokeInvite({ user: pending.id }),
    ]) {
      expect(await failure(call())).toBe("NOT_FOUND USER_NOT_FOUND");
    }
    // Beta may invite the same e-mail to its own console: teams are per merchant.
    expect(await bea().admin.users.invite({ email: "sam@acme.test", role: "support" })).toMatchObject({
      status: "invited",
    });
  });

  it("never leaves the merchant without an active owner, even when owners act at once", async () => {
    const olivia = await consoleAs("olivia@acme.test");
    const otto = await consoleAs("otto@acme.test");
    const ids = Object.fromEntries((await olivia().admin.users.list()).map((u) => [u.email, u.id]));
    const activeOwners = async () =>
      (
        await olivia()
          .admin.users.list()
          .catch(() => otto().admin.users.list())
      ).filter((u) => u.role === "owner" && u.status === "active");

    const demotions = await Promise.allSettled([
      olivia().admin.users.updateRole({ user: ids["otto@acme.test"]!, role: "admin" }),
      otto().admin.users.updateRole({ user: ids["olivia@acme.test"]!, role: "admin" }),
    ]);
    expect(demotions.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = await activeOwners();
    expect(owners.map((u) => u.email)).toHaveLength(1);

    // Put the demoted one back, then both try to remove the other.
    const [owner] = owners;
    const ownerCall = owner!.email === "olivia@acme.test" ? olivia : otto;
    const demoted = owner!.email === "olivia@acme.test" ? "otto@acme.test" : "olivia@acme.test";
    await ownerCall().admin.users.updateRole({ user: ids[demoted]!, role: "owner" });
    const removals = await Promise.allSettled([
      olivia().admin.users.remove({ user: ids["otto@acme.test"]! }),
      otto().admin.users.remove({ user: ids["olivia@acme.test"]! }),
    ]);
    expect(removals.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const left = await db.em().find(MerchantUser, {
      merchant: { slug: "acme" },
      role: "owner",
      disabledAt: null,
      passwordHash: { $ne: null },
    });
    expect(left).toHaveLength(1);
  });
});
