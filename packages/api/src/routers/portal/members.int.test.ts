import { hashPassword, PORTAL_SESSION_COOKIE } from "@portico/auth";
import { type Clock } from "@portico/core";
import { AuditEvent, Customer, CustomerUser, EmailMessage, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryCookies, type MemoryCookies } from "../../cookies.js";
import { setPublicUrl } from "../../procedures/integration.js";
import { openBrowser } from "../../test/browser.js";
import { failure } from "../../test/failure.js";
import { PORTAL_ORIGIN, portalMerchant, type PortalMerchant } from "../../test/portal.js";

const PASSWORD = "right-password-1";
const NEW_PASSWORD = "member-password-1";
const DAY_MS = 24 * 60 * 60_000;

const clockState = { now: new Date("2026-03-01T09:00:00Z").getTime() };
const clock: Clock = { now: () => new Date(clockState.now) };
const tick = (ms: number) => void (clockState.now += ms);

describe("portal.members and portal invitations", () => {
  let db: TestDatabase;
  let acme: PortalMerchant;
  const customers: Record<string, string> = {};

  const browser = (jar: MemoryCookies = memoryCookies()) =>
    openBrowser(db, { clock, origin: PORTAL_ORIGIN, jar, ip: "203.0.113.9" });

  async function portalAs(email: string) {
    const b = browser();
    await b.call().auth.portal.login({ email, password: PASSWORD });
    return b.call;
  }
  async function invitationSecret(to: string): Promise<string> {
    const [mail] = await db.em().find(EmailMessage, { to }, { orderBy: { id: "desc" }, limit: 1 });
    const match = /https:\/\/billing\.acme\.test\/portal\/invite\/([a-z2-7]{32})/.exec(mail?.text ?? "");
    expect(match, `an invitation e-mail to ${to}`).not.toBeNull();
    return match![1]!;
  }
  const mailsTo = (to: string) => db.em().count(EmailMessage, { to });
  const audits = (action: string, targetId: string) =>
    db.em().find(AuditEvent, { action, targetId }, { orderBy: { id: "asc" } });

  beforeAll(async () => {
    setPublicUrl(PORTAL_ORIGIN);
    db = await createTestDatabase();
    const em = db.em();
    const passwordHash = await hashPassword(PASSWORD);
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    for (const [customerName, users] of [
      [
        "Alpha Ltd",
        [
          ["ann@alpha.test", "admin"],
          ["max@alpha.test", "member"],
        ],
      ],
      [
        "Beta Inc",
        [
          ["bob@beta.test", "admin"],
          ["bill@beta.test", "member"],
        ],
      ],
    ] as const) {
      const customer = em.create(Customer, { merchant, name: customerName, currency: "USD" });
      for (const [email, role] of users) {
        em.create(CustomerUser, {
          merchant,
          customer,
          email,
          name: email.split("@")[0]!,
          role,
          passwordHash,
        });
      }
      await em.flush();
      customers[customerName] = customer.publicId;
    }
    acme = await portalMerchant(db, { clock, merchantId: merchant.id });
  });
  afterAll(() => db?.close());

  it("an admin invites a member, who accepts once and is signed in to the same account", async () => {
    const ann = await portalAs("ann@alpha.test");
    const invited = await ann().portal.members.invite({
      email: "Nia@Alpha.test",
      name: "Nia",
      role: "member",
    });
    expect(invited).toEqual({
      id: expect.stringMatching(/^cu_/),
      email: "nia@alpha.test",
      name: "Nia",
      role: "member",
      status: "invited",
      lastLoginAt: null,
      invitedAt: clock.now().toISOString(),
      isSelf: false,
    });
    const secret = await invitationSecret("nia@alpha.test");
    const [mail] = await db.em().find(EmailMessage, { to: "nia@alpha.test" });
    expect(mail!.text).toContain("ann invited you to the Alpha Ltd account on the Acme customer portal");

    // Before accepting: no password, no e-mailed code, no reset link.
    const anon = () => browser().call();
    expect(await failure(anon().auth.portal.login({ email: "nia@alpha.test", password: NEW_PASSWORD }))).toBe(
      "UNAUTHORIZED INVALID_CREDENTIALS",
    );
    const before = await mailsTo("nia@alpha.test");
    await anon().auth.portal.requestLoginCode({ email: "nia@alpha.test" });
    await anon().auth.portal.requestPasswordReset({ email: "nia@alpha.test" });
    expect(await mailsTo("nia@alpha.test")).toBe(before);

    expect(await anon().auth.portal.invitation({ secret })).toEqual({
      email: "nia@alpha.test",
      name: "Nia",
      role: "member",
      customerName: "Alpha Ltd",
      merchantName: "Acme",
      kind: "invitation",
    });
    const nia = browser();
    const accepted = await nia
      .call()
      .auth.portal.acceptInvitation({ secret, name: "Nia N", password: NEW_PASSWORD });
    expect(accepted).toMatchObject({
      customer: { id: customers["Alpha Ltd"], name: "Alpha Ltd" },
      user: { id: invited.id, email: "nia@alpha.test", name: "Nia N", role: "member" },
      session: { mfaVerified: true },
      mfaRequired: false,
    });
    expect(nia.jar.get(PORTAL_SESSION_COOKIE)).toBeTruthy();
    expect((await nia.call().portal.members.list()).find((m) => m.isSelf)).toMatchObject({
      id: invited.id,
      status: "active",
    });
    expect(
      await failure(anon().auth.portal.acceptInvitation({ secret, name: "Again", password: NEW_PASSWORD })),
    ).toBe("NOT_FOUND INVITATION_INVALID");
    await anon().auth.portal.login({ email: "nia@alpha.test", password: NEW_PASSWORD });

    expect(await audits("Auth.UserInvited", invited.id)).toMatchObject([
      { actorType: "customer_user", ip: "203.0.113.9", userAgent: "vitest", data: { role: "member" } },
    ]);
    expect(await audits("Auth.InvitationAccepted", invited.id)).toHaveLength(1);
  });

  it("members may list but not manage; nobody changes or removes themselves", async () => {
    const max = await portalAs("max@alpha.test");
    const ann = await portalAs("ann@alpha.test");
    const list = await max().portal.members.list();
    expect(list.map((m) => m.email)).toEqual(expect.arrayContaining(["ann@alpha.test", "max@alpha.test"]));
    expect(list.every((m) => !m.email.endsWith("@beta.test"))).toBe(true);
    const id = (email: string) => list.find((m) => m.email === email)!.id;

    for (const call of [
      () => max().portal.members.invite({ email: "x@alpha.test", role: "member" }),
      () => max().portal.members.updateRole({ member: id("ann@alpha.test"), role: "member" }),
      () => max().portal.members.remove({ member: id("ann@alpha.test") }),
    ]) {
      // Max holds no customer:write grant; with one, the admin-only rule would still refuse.
      expect(await failure(call())).toBe("FORBIDDEN PERMISSION_MISSING");
    }
    expect(
      await failure(ann().portal.members.updateRole({ member: id("ann@alpha.test"), role: "member" })),
    ).toBe("FORBIDDEN SELF_NOT_ALLOWED");
    expect(await failure(ann().portal.members.remove({ member: id("ann@alpha.test") }))).toBe(
      "FORBIDDEN SELF_NOT_ALLOWED",
    );
    expect(await failure(ann().portal.members.invite({ email: "max@alpha.test", role: "admin" }))).toBe(
      "CONFLICT USER_EXISTS",
    );
    expect(
      await failure(
        ann().portal.members.invite({ email: "y@alpha.test", role: "owner" as unknown as "admin" }),
      ),
    ).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await db.em().count(CustomerUser, { email: "y@alpha.test" })).toBe(0);

    const promoted = await ann().portal.members.updateRole({ member: id("max@alpha.test"), role: "admin" });
    expect(promoted).toMatchObject({ role: "admin", status: "active" });
    expect(await audits("Auth.UserRoleChanged", promoted.id)).toMatchObject([
      { actorType: "customer_user", data: { from: "member", to: "admin" } },
    ]);
    // Max is an admin from his next request on.
    expect((await max().portal.members.invite({ email: "zoe@alpha.test", role: "member" })).status).toBe(
      "invited",
    );
    await ann().portal.members.updateRole({ member: id("max@alpha.test"), role: "member" });
  });

  it("keeps customers apart: another account's members are NOT_FOUND and never listed", async () => {
    const bob = await portalAs("bob@beta.test");
    const ann = await portalAs("ann@alpha.test");
    const pending = await bob().portal.members.invite({ email: "pat@beta.test", role: "member" });
    const bill = (await bob().portal.members.list()).find((m) => m.email === "bill@beta.test")!;
    expect((await ann().portal.members.list()).map((m) => m.id)).not.toContain(bill.id);
    for (const call of [
      () => ann().portal.members.updateRole({ member: bill.id, role: "admin" }),
      () => ann().portal.members.remove({ member: bill.id }),
      () => ann().portal.members.resendInvite({ member: pending.id }),
      () => ann().portal.members.revokeInvite({ member: pending.id }),
    ]) {
      expect(await failure(call())).toBe("NOT_FOUND USER_NOT_FOUND");
    }
    const stillThere = await db.em().findOneOrFail(CustomerUser, { publicId: bill.id });
    expect(stillThere).toMatchObject({ role: "member", disabledAt: null });
    // The same e-mail may belong to users of two accounts.
    expect(await ann().portal.members.invite({ email: "bill@beta.test", role: "member" })).toMatchObject({
      status: "invited",
    });
  });

  it("portal links and customer tokens have no login user: USER_SESSION_REQUIRED", async () => {
    const linked = await acme.viaLink(customers["Alpha Ltd"]!);
    expect(await failure(linked.members.list())).toBe("FORBIDDEN USER_SESSION_REQUIRED");
    expect(await failure(linked.members.invite({ email: "l@alpha.test", role: "admin" }))).toBe(
      "FORBIDDEN USER_SESSION_REQUIRED",
    );

    const embed = await acme.withToken(customers["Alpha Ltd"]!, ["customer:write"]);
    expect(await failure(embed.members.list())).toBe("FORBIDDEN USER_SESSION_REQUIRED");
    expect(await failure(embed.members.invite({ email: "t@alpha.test", role: "admin" }))).toBe(
      "FORBIDDEN USER_SESSION_REQUIRED",
    );
    const readOnly = await acme.withToken(customers["Alpha Ltd"]!, ["invoices:read"]);
    expect(await failure(readOnly.members.list())).toBe("FORBIDDEN SCOPE_MISSING");
    expect(await db.em().count(CustomerUser, { email: { $in: ["l@alpha.test", "t@alpha.test"] } })).toBe(0);
  });

  it("resend replaces the link, it expires after 7 days, and revoke ends it", async () => {
    const bob = await portalAs("bob@beta.test");
    const invited = await bob().portal.members.invite({ email: "quinn@beta.test", role: "admin" });
    const first = await invitationSecret("quinn@beta.test");
    await bob().portal.members.resendInvite({ member: invited.id });
    const second = await invitationSecret("quinn@beta.test");
    const anon = () => browser().call();
    expect(await failure(anon().auth.portal.invitation({ secret: first }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );
    expect(await anon().auth.portal.invitation({ secret: second })).toMatchObject({ role: "admin" });
    tick(7 * DAY_MS + 1000);
    expect(await failure(anon().auth.portal.invitation({ secret: second }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );

    const bobNow = await portalAs("bob@beta.test");
    await bobNow().portal.members.resendInvite({ member: invited.id });
    const third = await invitationSecret("quinn@beta.test");
    expect(await bobNow().portal.members.revokeInvite({ member: invited.id })).toEqual({ ok: true });
    expect(
      await failure(
        anon().auth.portal.acceptInvitation({ secret: third, name: "Q", password: NEW_PASSWORD }),
      ),
    ).toBe("NOT_FOUND INVITATION_INVALID");
    expect((await bobNow().portal.members.list()).map((m) => m.email)).not.toContain("quinn@beta.test");
    expect(await audits("Auth.InvitationRevoked", invited.id)).toHaveLength(1);
  });

  it("removing a member ends their sessions; an account never loses its last admin", async () => {
    const ann = browser();
    const max = browser();
    await ann.call().auth.portal.login({ email: "ann@alpha.test", password: PASSWORD });
    await max.call().auth.portal.login({ email: "max@alpha.test", password: PASSWORD });
    const ids = Object.fromEntries((await ann.call().portal.members.list()).map((m) => [m.email, m.id]));
    await ann.call().portal.members.updateRole({ member: ids["max@alpha.test"]!, role: "admin" });

    // Two admins demoting each other at once: one wins, one admin remains.
    const demotions = await Promise.allSettled([
      ann.call().portal.members.updateRole({ member: ids["max@alpha.test"]!, role: "member" }),
      max.call().portal.members.updateRole({ member: ids["ann@alpha.test"]!, role: "member" }),
    ]);
    expect(demotions.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const alpha = await db.em().findOneOrFail(Customer, { publicId: customers["Alpha Ltd"] });
    const admins = await db.em().find(CustomerUser, { customer: alpha, role: "admin", disabledAt: null });
    expect(admins.filter((u) => u.passwordHash !== null)).toHaveLength(1);

    // The remaining admin removes the other, whose sessions end at once.
    const annWon = admins[0]!.email === "ann@alpha.test";
    const [winner, loser] = annWon ? [ann, max] : [max, ann];
    const loserEmail = annWon ? "max@alpha.test" : "ann@alpha.test";
    const removed = await winner.call().portal.members.remove({ member: ids[loserEmail]! });
    expect(removed).toMatchObject({ email: loserEmail, status: "disabled" });
    expect(await failure(loser.call().portal.members.list())).toBe("UNAUTHORIZED SESSION_REQUIRED");
    expect(await audits("Auth.UserRemoved", removed.id)).toMatchObject([
      { actorType: "customer_user", data: { sessionsRevoked: 1 } },
    ]);
    expect(await failure(browser().call().auth.portal.login({ email: loserEmail, password: PASSWORD }))).toBe(
      "UNAUTHORIZED INVALID_CREDENTIALS",
    );
  });
});
