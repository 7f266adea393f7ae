import { EMAIL_CHANGE_MAX_ATTEMPTS, hashPassword } from "@portico/auth";
import type { Clock } from "@portico/core";
import {
  AuditEvent,
  Customer,
  CustomerUser,
  defaultPortalFeatures,
  EmailMessage,
  Merchant,
  OneTimeToken,
  PortalConfiguration,
  WebhookDelivery,
  WebhookEndpoint,
  type CustomerEditableField,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { portalMerchant, type PortalMerchant, type PortalRequest } from "../../test/portal.js";

const PASSWORD = "right-password-1";
const MINUTE = 60_000;
const ALL_FIELDS: CustomerEditableField[] = ["name", "email", "phone", "address", "taxId", "locale"];

const clockState = { now: new Date("2026-04-01T09:00:00Z").getTime() };
const clock: Clock = { now: () => new Date(clockState.now) };
/** Moves past the per-customer window of e-mail change requests. */
const nextWindow = () => void (clockState.now += 16 * MINUTE);

describe("portal.profile", () => {
  let db: TestDatabase;
  let merchantId: number;
  let acme: PortalMerchant;
  const ids = { alpha: "", beta: "", gamma: "", delta: "" };
  /** Configurations (`bpc_…`): no tax id or e-mail changes; billing details turned off. */
  const configurations = { noTaxId: "", disabled: "" };

  const caller = (request?: PortalRequest) => acme.caller(request);
  const integration = () => acme.integration();
  /** A browser that redeemed a portal link for `customer` (no login user: the account acts). */
  const viaLink = async (customer: string, configuration?: string) =>
    (await acme.viaLink(customer, configuration)).profile;
  /** A login user's password session. */
  const asUser = async (email: string) => (await acme.asUser(email, PASSWORD)).profile;
  const row = (publicId: string) => db.em().findOneOrFail(Customer, { publicId });
  /** The code in the newest e-mail to `to` (the outbox keeps the text until SMTP has it). */
  const codeSentTo = async (to: string) => {
    const [mail] = await db.em().find(EmailMessage, { to }, { orderBy: { id: "desc" }, limit: 1 });
    expect(mail?.template).toBe("email_change_code");
    return /^\s*(\d{6})\s*$/m.exec(mail!.text)![1]!;
  };
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", defaultCurrency: "EUR" });
    em.create(PortalConfiguration, {
      merchant,
      name: "Default",
      isDefault: true,
      features: {
        ...defaultPortalFeatures(),
        customerUpdate: { enabled: true, allowedFields: ALL_FIELDS },
      },
    });
    em.create(WebhookEndpoint, {
      merchant,
      url: "https://hooks.acme.test/portico",
      secret: "whsec_test",
      events: ["customer.updated"],
    });
    const customer = (name: string, email: string) =>
      em.create(Customer, { merchant, name, email, currency: "EUR" });
    const alpha = customer("Alpha SAS", "billing@alpha.test");
    const beta = customer("Beta Ltd", "billing@beta.test");
    const gamma = customer("Gamma GmbH", "billing@gamma.test");
    const delta = customer("Delta BV", "billing@delta.test");
    em.create(CustomerUser, {
      merchant,
      customer: alpha,
      email: "ann@alpha.test",
      role: "admin",
      passwordHash: await hashPassword(PASSWORD),
    });
    await em.flush();
    merchantId = merchant.id;
    Object.assign(ids, {
      alpha: alpha.publicId,
      beta: beta.publicId,
      gamma: gamma.publicId,
      delta: delta.publicId,
    });
    acme = await portalMerchant(db, { clock, merchantId });
    const { customerUpdate } = defaultPortalFeatures();
    configurations.noTaxId = await acme.configuration(
      { customerUpdate: { ...customerUpdate, allowedFields: ["name", "phone", "address"] } },
      "No tax id",
    );
    configurations.disabled = await acme.configuration(
      { customerUpdate: { ...customerUpdate, enabled: false } },
      "No billing details",
    );
  });
  afterAll(() => db?.close());

  it("shows the billing details with what may change and what the form may offer", async () => {
    const profile = await viaLink(ids.alpha);
    const details = await profile.get();
    expect(details).toEqual({
      id: ids.alpha,
      name: "Alpha SAS",
      email: "billing@alpha.test",
      phone: null,
      address: null,
      taxId: null,
      locale: null,
      editableFields: ALL_FIELDS,
      pendingEmailChange: null,
      options: { countries: expect.arrayContaining(["FR", "US", "GB"]), locales: ["en", "fr"] },
    });
    expect(details.options.countries).toHaveLength(249);
    expect(details.options.countries).not.toContain("UK");
    expect(await (await viaLink(ids.alpha, configurations.noTaxId)).get()).toMatchObject({
      editableFields: ["name", "phone", "address"],
    });
  });

  it("saves the allowed fields, records who changed what and emits customer.updated", async () => {
    const profile = await viaLink(ids.alpha);
    const saved = await profile.update({
      phone: " +33 1 23 45 67 89 ",
      address: { line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "fr" },
      taxId: "FR12345678901",
      locale: "fr",
    });
    expect(saved).toMatchObject({
      phone: "+33 1 23 45 67 89",
      address: { line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "FR" },
      taxId: "FR12345678901",
      locale: "fr",
    });
    expect(await profile.get()).toEqual(saved);
    expect(await row(ids.alpha)).toMatchObject({
      name: "Alpha SAS",
      phone: "+33 1 23 45 67 89",
      locale: "fr",
    });

    // Null clears an optional field; the others stay.
    expect(await profile.update({ phone: null })).toMatchObject({ phone: null, taxId: "FR12345678901" });

    const audits = await db
      .em()
      .find(AuditEvent, { action: "Customer.Updated", targetId: ids.alpha }, { orderBy: { id: "asc" } });
    expect(audits.map((audit) => [audit.actorType, audit.data])).toEqual([
      ["customer_user", { fields: ["address", "locale", "phone", "taxId"], via: "portal" }],
      ["customer_user", { fields: ["phone"], via: "portal" }],
    ]);
    const deliveries = await db
      .em()
      .find(WebhookDelivery, { merchant: merchantId }, { orderBy: { id: "asc" } });
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual([
      "customer.updated",
      "customer.updated",
    ]);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "customer.updated",
      data: { object: { id: ids.alpha, address: { country: "FR" } } },
    });
  });

  it("names the login user in the audit trail", async () => {
    const profile = await asUser("ann@alpha.test");
    await profile.update({ name: "Alpha SAS" });
    const [audit] = await db
      .em()
      .find(
        AuditEvent,
        { action: "Customer.Updated", targetId: ids.alpha },
        { orderBy: { id: "desc" }, limit: 1 },
      );
    const ann = await db.em().findOneOrFail(CustomerUser, { email: "ann@alpha.test" });
    expect(audit).toMatchObject({ actorType: "customer_user", actorId: ann.publicId, ip: "198.51.100.7" });
  });

  it("refuses bad input with a typed error and changes nothing", async () => {
    const profile = await viaLink(ids.beta);
    const before = await profile.get();
    const attempts: [unknown, string][] = [
      [{ address: { country: "ZZ" } }, "BAD_REQUEST INVALID_COUNTRY"],
      [{ address: { country: "France" } }, "BAD_REQUEST INVALID_INPUT"],
      [{ phone: "call me" }, "BAD_REQUEST INVALID_INPUT"],
      [{ phone: "12" }, "BAD_REQUEST INVALID_INPUT"],
      [{ taxId: "FR 123 !" }, "BAD_REQUEST INVALID_INPUT"],
      [{ locale: "de" }, "BAD_REQUEST UNSUPPORTED_LOCALE"],
      [{ locale: "not a tag" }, "BAD_REQUEST INVALID_INPUT"],
      [{ name: "  " }, "BAD_REQUEST INVALID_INPUT"],
      // The e-mail changes only through a code.
      [{ email: "new@beta.test" }, "BAD_REQUEST INVALID_INPUT"],
      [{}, "BAD_REQUEST INVALID_INPUT"],
      // One bad field refuses the good ones with it.
      [{ name: "Renamed", address: { country: "XK" } }, "BAD_REQUEST INVALID_COUNTRY"],
    ];
    for (const [input, expected] of attempts) {
      expect(await failure(profile.update(input as never)), JSON.stringify(input)).toBe(expected);
    }
    expect(await profile.get()).toEqual(before);
    expect(await db.em().count(AuditEvent, { action: "Customer.Updated", targetId: ids.beta })).toBe(0);
  });

  it("refuses a field the configuration does not allow, and the allowed ones sent with it", async () => {
    const profile = await viaLink(ids.beta, configurations.noTaxId);
    expect(await failure(profile.update({ name: "Beta Renamed", taxId: "GB123456789" }))).toBe(
      "FORBIDDEN FIELD_NOT_EDITABLE",
    );
    expect(await failure(profile.requestEmailChange({ email: "new@beta.test" }))).toBe(
      "FORBIDDEN FIELD_NOT_EDITABLE",
    );
    expect(await row(ids.beta)).toMatchObject({ name: "Beta Ltd", taxId: null, email: "billing@beta.test" });
    expect(await db.em().count(EmailMessage, { to: "new@beta.test" })).toBe(0);
    expect(await profile.update({ name: "Beta Renamed" })).toMatchObject({ name: "Beta Renamed" });
  });

  it("answers FEATURE_DISABLED for every procedure when billing details are turned off", async () => {
    const profile = await viaLink(ids.beta, configurations.disabled);
    // One call at a time: started together, a refusal could land before its handler.
    const calls = [
      () => profile.get(),
      () => profile.update({ phone: "+44 20 7946 0000" }),
      () => profile.requestEmailChange({ email: "off@beta.test" }),
      () => profile.confirmEmailChange({ code: "123456" }),
    ];
    for (const call of calls) expect(await failure(call())).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await row(ids.beta)).toMatchObject({ phone: null });
  });

  it("needs customer:write for a customer token to change anything", async () => {
    const { token } = await integration().customerTokens.create({
      customer: ids.beta,
      scopes: ["customer:read"],
      expiresIn: 600,
    });
    const profile = caller({ authorization: `Bearer ${token}` }).portal.profile;
    expect(await profile.get()).toMatchObject({ id: ids.beta });
    expect(await failure(profile.update({ phone: "+44 20 7946 0000" }))).toBe("FORBIDDEN SCOPE_MISSING");
  });

  it("changes the e-mail once the code mailed to the new address comes back", async () => {
    nextWindow();
    const profile = await viaLink(ids.gamma);
    const pending = await profile.requestEmailChange({ email: " Finance@Gamma.test " });
    expect(pending).toEqual({
      email: "finance@gamma.test",
      expiresAt: new Date(clockState.now + 10 * MINUTE).toISOString(),
    });
    expect(await profile.get()).toMatchObject({ email: "billing@gamma.test", pendingEmailChange: pending });
    const code = await codeSentTo("finance@gamma.test");
    // Nothing goes to the old address, and the code is not kept in clear.
    expect(await db.em().count(EmailMessage, { to: "billing@gamma.test" })).toBe(0);
    const token = await db
      .em()
      .findOneOrFail(OneTimeToken, { purpose: "email_change", email: "finance@gamma.test" });
    // Hashed at rest like sign-in codes (argon2id), never the code itself.
    expect(token.tokenHash).toMatch(/^\$argon2id\$/);
    expect(token.tokenHash).not.toContain(code);

    expect(await failure(profile.confirmEmailChange({ code: wrongCode(code) }))).toBe(
      "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
    );
    expect(await row(ids.gamma)).toMatchObject({ email: "billing@gamma.test" });
    const changed = await profile.confirmEmailChange({ code });
    expect(changed).toMatchObject({ email: "finance@gamma.test", pendingEmailChange: null });
    expect(await row(ids.gamma)).toMatchObject({ email: "finance@gamma.test" });
    // Single use.
    expect(await failure(profile.confirmEmailChange({ code }))).toBe("BAD_REQUEST EMAIL_CHANGE_CODE_INVALID");
    const [audit] = await db
      .em()
      .find(
        AuditEvent,
        { action: "Customer.Updated", targetId: ids.gamma },
        { orderBy: { id: "desc" }, limit: 1 },
      );
    expect(audit?.data).toEqual({ fields: ["email"], via: "portal" });
    expect(await failure(profile.requestEmailChange({ email: "finance@gamma.test" }))).toBe(
      "BAD_REQUEST EMAIL_UNCHANGED",
    );
  });

  it("burns a code after five wrong guesses, expires it after ten minutes and replaces it with a new one", async () => {
    nextWindow();
    const profile = await viaLink(ids.delta);
    await profile.requestEmailChange({ email: "one@delta.test" });
    const first = await codeSentTo("one@delta.test");
    for (let i = 0; i < EMAIL_CHANGE_MAX_ATTEMPTS; i++) {
      expect(await failure(profile.confirmEmailChange({ code: wrongCode(first) }))).toBe(
        "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
      );
    }
    expect(await failure(profile.confirmEmailChange({ code: first }))).toBe(
      "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
    );

    await profile.requestEmailChange({ email: "two@delta.test" });
    const second = await codeSentTo("two@delta.test");
    clockState.now += 10 * MINUTE + 1;
    expect(await failure(profile.confirmEmailChange({ code: second }))).toBe(
      "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
    );
    expect((await profile.get()).pendingEmailChange).toBeNull();

    nextWindow();
    await profile.requestEmailChange({ email: "three@delta.test" });
    const third = await codeSentTo("three@delta.test");
    await profile.requestEmailChange({ email: "four@delta.test" });
    expect(await failure(profile.confirmEmailChange({ code: third }))).toBe(
      "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
    );
    await profile.confirmEmailChange({ code: await codeSentTo("four@delta.test") });
    expect(await row(ids.delta)).toMatchObject({ email: "four@delta.test" });
  });

  it("limits code requests to three per customer in fifteen minutes", async () => {
    nextWindow();
    const profile = await viaLink(ids.beta);
    for (const n of [1, 2, 3]) await profile.requestEmailChange({ email: `try${n}@beta.test` });
    expect(await failure(profile.requestEmailChange({ email: "try4@beta.test" }))).toBe(
      "TOO_MANY_REQUESTS RATE_LIMITED",
    );
    expect(await db.em().count(EmailMessage, { to: "try4@beta.test" })).toBe(0);
    nextWindow();
    await profile.requestEmailChange({ email: "try4@beta.test" });
    expect(await db.em().count(EmailMessage, { to: "try4@beta.test" })).toBe(1);
  });

  it("binds a code to its customer and requester: nobody else can use it", async () => {
    nextWindow();
    const beta = await viaLink(ids.beta);
    await beta.requestEmailChange({ email: "taken@beta.test" });
    const betaCode = await codeSentTo("taken@beta.test");
    const alpha = await viaLink(ids.alpha);
    expect(await failure(alpha.confirmEmailChange({ code: betaCode }))).toBe(
      "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
    );
    expect(await row(ids.alpha)).toMatchObject({ email: "billing@alpha.test" });

    // Ann's own request is hers: the account's portal link does not see or confirm it.
    const ann = await asUser("ann@alpha.test");
    await ann.requestEmailChange({ email: "ann-billing@alpha.test" });
    const annCode = await codeSentTo("ann-billing@alpha.test");
    expect((await alpha.get()).pendingEmailChange).toBeNull();
    expect(await failure(alpha.confirmEmailChange({ code: annCode }))).toBe(
      "BAD_REQUEST EMAIL_CHANGE_CODE_INVALID",
    );
    expect(await ann.confirmEmailChange({ code: annCode })).toMatchObject({
      email: "ann-billing@alpha.test",
    });
    expect(await row(ids.beta)).toMatchObject({ email: "billing@beta.test" });
  });

  it("is NOT_FOUND once the customer is deleted", async () => {
    const profile = await viaLink(ids.delta);
    await integration().customers.delete({ customer: ids.delta });
    expect(await failure(profile.get())).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(profile.update({ phone: "+31 20 123 4567" }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
  });
});
