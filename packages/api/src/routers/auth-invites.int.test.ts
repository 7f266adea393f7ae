import { hashPassword, hashSecret, PORTAL_SESSION_COOKIE } from "@portico/auth";
import { type Clock } from "@portico/core";
import {
  AuditEvent,
  Customer,
  CustomerUser,
  defaultPortalFeatures,
  EmailMessage,
  Merchant,
  OneTimeToken,
  PortalConfiguration,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setPublicUrl } from "../procedures/integration.js";
import { openBrowser } from "../test/browser.js";
import { failure } from "../test/failure.js";

const ORIGIN = "https://billing.acme.test";
const PASSWORD = "right-password-1";
const NEW_PASSWORD = "registered-password-1";
const HOUR_MS = 60 * 60_000;

const clockState = { now: new Date("2026-03-01T09:00:00Z").getTime() };
const clock: Clock = { now: () => new Date(clockState.now) };
const tick = (ms: number) => void (clockState.now += ms);

describe("portal self-registration (auth.portal.register, invitation, acceptInvitation)", () => {
  let db: TestDatabase;

  const browser = () => openBrowser(db, { clock, origin: ORIGIN, ip: "192.0.2.44" });
  const anon = () => browser().call();
  const register = (email: string, merchant = "acme") => anon().auth.portal.register({ merchant, email });

  /** The registration e-mails to `to` since `afterId`, each with its account name and secret. */
  async function registrationLinks(to: string, afterId = 0) {
    const mails = await db
      .em()
      .find(EmailMessage, { to, template: "registration", id: { $gt: afterId } }, { orderBy: { id: "asc" } });
    return mails.map((mail) => ({
      text: mail.text,
      secret: /https:\/\/billing\.acme\.test\/portal\/invite\/([a-z2-7]{32})/.exec(mail.text)?.[1],
    }));
  }
  const lastMailId = async () =>
    (await db.em().find(EmailMessage, {}, { orderBy: { id: "desc" }, limit: 1 }))[0]?.id ?? 0;
  const setRegistration = async (enabled: boolean) => {
    const em = db.em();
    const configuration = await em.findOneOrFail(PortalConfiguration, {
      merchant: { slug: "acme" },
      isDefault: true,
    });
    configuration.features = { ...configuration.features, registration: { enabled } };
    await em.flush();
  };

  beforeAll(async () => {
    setPublicUrl(ORIGIN);
    db = await createTestDatabase();
    const em = db.em();
    const passwordHash = await hashPassword(PASSWORD);
    const acme = em.create(Merchant, { slug: "acme", name: "Acme" });
    const closed = em.create(Merchant, { slug: "closed", name: "Closed Corp" });
    em.create(PortalConfiguration, {
      merchant: acme,
      name: "Default",
      isDefault: true,
      features: { ...defaultPortalFeatures(), registration: { enabled: true } },
    });
    em.create(PortalConfiguration, { merchant: closed, name: "Default", isDefault: true });
    const customer = (merchant: typeof acme, name: string, email: string) =>
      em.create(Customer, { merchant, name, email, currency: "USD" });
    customer(acme, "Globex", "ap@globex.test");
    customer(acme, "Globex EU", "ap@globex.test");
    const initech = customer(acme, "Initech", "billing@initech.test");
    const hooli = customer(acme, "Hooli", "finance@hooli.test");
    customer(closed, "Umbrella", "ops@umbrella.test");
    em.create(CustomerUser, {
      merchant: acme,
      customer: initech,
      email: "billing@initech.test",
      role: "admin",
      passwordHash,
    });
    em.create(CustomerUser, {
      merchant: acme,
      customer: hooli,
      email: "gavin@hooli.test",
      role: "admin",
      passwordHash,
    });
    await em.flush();
  });
  afterAll(() => db?.close());

  it("tells the portal through public.branding whether registration is open", async () => {
    expect((await anon().public.branding({ merchant: "acme" })).registrationEnabled).toBe(true);
    expect((await anon().public.branding({ merchant: "closed" })).registrationEnabled).toBe(false);
  });

  it("refuses with FEATURE_DISABLED when the portal configuration does not enable it", async () => {
    const before = await lastMailId();
    expect(await failure(register("ops@umbrella.test", "closed"))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(register("nobody@nowhere.test", "closed"))).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await lastMailId()).toBe(before);
    expect(await db.em().count(OneTimeToken, { email: "ops@umbrella.test" })).toBe(0);
  });

  it("answers the same for matching, unknown and already-registered e-mails; mails only a match", async () => {
    const before = await lastMailId();
    const unknown = await register("nobody@nowhere.test");
    const registered = await register("billing@initech.test");
    const nonCustomer = await register("gavin@hooli.test");
    expect(await lastMailId()).toBe(before);
    const matching = await register("AP@Globex.test");
    expect([unknown, registered, nonCustomer]).toEqual([matching, matching, matching]);
    expect(matching).toEqual({ ok: true });

    // One link per customer of that e-mail, each naming its account.
    const links = await registrationLinks("ap@globex.test", before);
    expect(links).toHaveLength(2);
    expect(links.map((l) => /the (.+) account on the Acme customer portal/.exec(l.text)?.[1]).sort()).toEqual(
      ["Globex", "Globex EU"],
    );
    const tokens = await db
      .em()
      .find(OneTimeToken, { purpose: "email_verification", email: "ap@globex.test" });
    expect(tokens).toHaveLength(2);
    // Only the SHA-256 of each link's secret is stored.
    expect(tokens.map((t) => t.tokenHash).sort()).toEqual(links.map((l) => hashSecret(l.secret!)).sort());
    for (const token of tokens) {
      expect(links.map((l) => l.secret)).not.toContain(token.tokenHash);
      expect(token.expiresAt.getTime() - clock.now().getTime()).toBe(24 * HOUR_MS);
    }
    expect(await db.em().count(AuditEvent, { action: "Auth.RegistrationRequested" })).toBe(2);
  });

  it("a registration link creates the customer's first login as its admin, once", async () => {
    const before = await lastMailId();
    await register("ap@globex.test");
    const links = await registrationLinks("ap@globex.test", before);
    const globex = links.find((l) => l.text.includes("the Globex account"))!;
    expect(await anon().auth.portal.invitation({ secret: globex.secret! })).toEqual({
      email: "ap@globex.test",
      name: null,
      role: "admin",
      customerName: "Globex",
      merchantName: "Acme",
      kind: "registration",
    });
    const b = browser();
    const signedIn = await b.call().auth.portal.acceptInvitation({
      secret: globex.secret!,
      name: "Avery Payable",
      password: NEW_PASSWORD,
    });
    expect(signedIn).toMatchObject({
      customer: { name: "Globex" },
      user: { email: "ap@globex.test", name: "Avery Payable", role: "admin" },
      session: { mfaVerified: true },
      mfaRequired: false,
    });
    expect(b.jar.get(PORTAL_SESSION_COOKIE)).toBeTruthy();
    expect((await b.call().portal.members.list()).map((m) => [m.email, m.role, m.status])).toEqual([
      ["ap@globex.test", "admin", "active"],
    ]);
    const user = await db.em().findOneOrFail(CustomerUser, { publicId: signedIn.user!.id });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(
      await db.em().find(AuditEvent, { action: "Auth.Registered", targetId: user.publicId }),
    ).toMatchObject([
      { actorType: "customer_user", actorId: user.publicId, ip: "192.0.2.44", userAgent: "vitest" },
    ]);

    expect(
      await failure(
        anon().auth.portal.acceptInvitation({
          secret: globex.secret!,
          name: "Again",
          password: NEW_PASSWORD,
        }),
      ),
    ).toBe("NOT_FOUND INVITATION_INVALID");
    await anon().auth.portal.login({ merchant: "acme", email: "ap@globex.test", password: NEW_PASSWORD });

    // Now only Globex EU still lacks a login with that e-mail.
    const again = await lastMailId();
    await register("ap@globex.test");
    expect(
      (await registrationLinks("ap@globex.test", again)).map((l) => l.text.includes("Globex EU")),
    ).toEqual([true]);
  });

  it("a registrant joining an account that already has a login becomes a member", async () => {
    const before = await lastMailId();
    await register("finance@hooli.test");
    const [link] = await registrationLinks("finance@hooli.test", before);
    expect(await anon().auth.portal.invitation({ secret: link!.secret! })).toMatchObject({
      role: "member",
      customerName: "Hooli",
    });
    const signedIn = await anon().auth.portal.acceptInvitation({
      secret: link!.secret!,
      name: "Fin",
      password: NEW_PASSWORD,
    });
    expect(signedIn.user).toMatchObject({ email: "finance@hooli.test", role: "member" });
  });

  it("spends a link once under parallel accepts, and not after 24 hours or once registration is off", async () => {
    let before = await lastMailId();
    await register("ap@globex.test");
    let [link] = await registrationLinks("ap@globex.test", before);
    tick(24 * HOUR_MS + 1000);
    expect(await failure(anon().auth.portal.invitation({ secret: link!.secret! }))).toBe(
      "NOT_FOUND INVITATION_INVALID",
    );

    before = await lastMailId();
    await register("ap@globex.test");
    [link] = await registrationLinks("ap@globex.test", before);
    await setRegistration(false);
    try {
      expect(await failure(anon().auth.portal.invitation({ secret: link!.secret! }))).toBe(
        "FORBIDDEN FEATURE_DISABLED",
      );
      expect(
        await failure(
          anon().auth.portal.acceptInvitation({ secret: link!.secret!, name: "X", password: NEW_PASSWORD }),
        ),
      ).toBe("FORBIDDEN FEATURE_DISABLED");
      expect((await anon().public.branding({ merchant: "acme" })).registrationEnabled).toBe(false);
    } finally {
      await setRegistration(true);
    }

    const results = await Promise.allSettled([
      anon().auth.portal.acceptInvitation({ secret: link!.secret!, name: "A", password: "password-of-a-1" }),
      anon().auth.portal.acceptInvitation({ secret: link!.secret!, name: "B", password: "password-of-b-1" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const globexEu = await db.em().findOneOrFail(Customer, { name: "Globex EU" });
    expect(await db.em().count(CustomerUser, { customer: globexEu })).toBe(1);
  });
});
