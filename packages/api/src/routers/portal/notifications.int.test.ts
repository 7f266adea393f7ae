import { hashPassword } from "@portico/auth";
import {
  chargeInvoice,
  createDraftInvoice,
  createMailer,
  finalizeInvoice,
  fixedClock,
  SYSTEM_ACTOR,
} from "@portico/core";
import {
  AuditEvent,
  Customer,
  CustomerUser,
  EmailMessage,
  Merchant,
  NotificationPreference,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { PORTAL_ORIGIN, portalMerchant, type PortalMerchant } from "../../test/portal.js";

const clock = fixedClock(new Date("2026-05-04T10:00:00Z"));
const PASSWORD = "right-password-1";
const DECLINED = { number: "4000000000000002", expMonth: 12, expYear: 2030, cvc: "123" };
const ALL_ON = [
  { category: "invoices", enabled: true },
  { category: "receipts", enabled: true },
  { category: "payment_failures", enabled: true },
  { category: "usage_alerts", enabled: true },
];

describe("portal.notifications", () => {
  let db: TestDatabase;
  let acme: PortalMerchant;
  const ids = { alpha: "", beta: "", gamma: "" };
  let notificationsOff: string;

  const viaLink = async (customer: string, configuration?: string) =>
    (await acme.viaLink(customer, configuration)).notifications;
  const asUser = async (email: string) => (await acme.asUser(email, PASSWORD)).notifications;
  const enabled = (category: string, on: boolean) =>
    ALL_ON.map((entry) => (entry.category === category ? { category, enabled: on } : entry));

  /** An automatic charge of `customer`'s declining card, as the renewal job makes it; the payment_failed mails it caused. */
  const failedCharge = async (customer: string) => {
    const invoice = await db.orm.em.fork().transactional(async (tx) => {
      const owner = await tx.findOneOrFail(Customer, { publicId: customer });
      const draft = await createDraftInvoice(tx, clock, {
        customer: owner,
        currency: "EUR",
        collectionMethod: "charge_automatically",
        lines: [{ type: "one_off", description: "Team plan", amount: 4900 }],
        taxRate: null,
      });
      await tx.flush();
      return finalizeInvoice(tx, clock, draft, { actor: SYSTEM_ACTOR, daysUntilDue: 0 });
    });
    const before = await db.em().count(EmailMessage, { template: "payment_failed" });
    const outcome = await chargeInvoice(
      { em: db.orm.em.fork(), clock },
      {
        mailer: createMailer({ from: "Portico <no-reply@localhost>", log: () => {} }),
        publicUrl: PORTAL_ORIGIN,
      },
      { invoice: invoice.publicId, attempt: 1 },
    );
    expect(outcome).toBe("failed");
    return (await db.em().count(EmailMessage, { template: "payment_failed" })) - before;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud", defaultCurrency: "EUR" });
    const customer = (name: string, email: string) =>
      em.create(Customer, { merchant, name, email, currency: "EUR" });
    const alpha = customer("Alpha SAS", "billing@alpha.test");
    const beta = customer("Beta Ltd", "billing@beta.test");
    const gamma = customer("Gamma GmbH", "ops@gamma.test");
    const passwordHash = await hashPassword(PASSWORD);
    em.create(CustomerUser, {
      merchant,
      customer: alpha,
      email: "ann@alpha.test",
      role: "admin",
      passwordHash,
    });
    // Gamma's billing e-mail is also a login user's.
    em.create(CustomerUser, {
      merchant,
      customer: gamma,
      email: "ops@gamma.test",
      role: "admin",
      passwordHash,
    });
    await em.flush();
    Object.assign(ids, { alpha: alpha.publicId, beta: beta.publicId, gamma: gamma.publicId });
    acme = await portalMerchant(db, { clock, merchantId: merchant.id });
    notificationsOff = await acme.configuration({ notifications: { enabled: false } }, "No notifications");
    for (const id of [ids.alpha, ids.beta, ids.gamma]) {
      await acme.integration().paymentMethods.add({ customer: id, card: DECLINED });
    }
  });
  afterAll(() => db?.close());

  it("starts with every category on, for the account through a link and for a login user", async () => {
    expect(await (await viaLink(ids.alpha)).get()).toEqual({ appliesTo: "account", preferences: ALL_ON });
    expect(await (await asUser("ann@alpha.test")).get()).toEqual({ appliesTo: "user", preferences: ALL_ON });
  });

  it("upserts one row per owner and category; the account and each user keep their own", async () => {
    const account = await viaLink(ids.alpha);
    expect(await account.update({ preferences: { receipts: false } })).toEqual({
      appliesTo: "account",
      preferences: enabled("receipts", false),
    });
    await account.update({ preferences: { receipts: false, usage_alerts: true } });
    expect((await account.get()).preferences).toEqual(enabled("receipts", false));

    const ann = await asUser("ann@alpha.test");
    expect((await ann.get()).preferences).toEqual(ALL_ON);
    await ann.update({ preferences: { invoices: false } });
    expect((await ann.get()).preferences).toEqual(enabled("invoices", false));
    expect((await account.get()).preferences).toEqual(enabled("receipts", false));

    await account.update({ preferences: { receipts: true } });
    expect((await account.get()).preferences).toEqual(ALL_ON);
    const alpha = await db.em().findOneOrFail(Customer, { publicId: ids.alpha });
    const rows = await db.em().find(NotificationPreference, { customer: alpha }, { orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.customerUser?.id ?? null, row.category, row.enabled])).toEqual([
      [null, "receipts", true],
      [null, "usage_alerts", true],
      [expect.any(Number), "invoices", false],
    ]);
    const [audit] = await db
      .em()
      .find(AuditEvent, { action: "NotificationPreferences.Updated" }, { orderBy: { id: "desc" }, limit: 1 });
    expect(audit).toMatchObject({
      targetId: ids.alpha,
      actorType: "customer_user",
      data: { changes: { receipts: true } },
    });
  });

  it("refuses bad input with a typed error and changes nothing", async () => {
    const beta = await viaLink(ids.beta);
    for (const input of [
      { preferences: {} },
      { preferences: { newsletters: false } },
      { preferences: { receipts: "no" } },
      { preferences: { receipts: false }, customer: ids.alpha },
    ]) {
      expect(await failure(beta.update(input as never)), JSON.stringify(input)).toBe(
        "BAD_REQUEST INVALID_INPUT",
      );
    }
    expect((await beta.get()).preferences).toEqual(ALL_ON);
    expect(await db.em().count(NotificationPreference, { customer: { publicId: ids.beta } })).toBe(0);
  });

  it("keeps each customer's settings to itself", async () => {
    await (await viaLink(ids.beta)).update({ preferences: { payment_failures: false } });
    expect((await (await viaLink(ids.alpha)).get()).preferences).toEqual(ALL_ON);
    expect(
      await db.em().count(NotificationPreference, { customer: { publicId: ids.alpha }, enabled: false }),
    ).toBe(
      1, // Ann's own "invoices" from the test above
    );
    await (await viaLink(ids.beta)).update({ preferences: { payment_failures: true } });
  });

  it("answers FEATURE_DISABLED when notifications are turned off", async () => {
    const notifications = await viaLink(ids.beta, notificationsOff);
    expect(await failure(notifications.get())).toBe("FORBIDDEN FEATURE_DISABLED");
    expect(await failure(notifications.update({ preferences: { receipts: false } }))).toBe(
      "FORBIDDEN FEATURE_DISABLED",
    );
    expect(
      await db.em().count(NotificationPreference, { customer: { publicId: ids.beta }, enabled: false }),
    ).toBe(0);
  });

  it("sends no payment-failed e-mail to a billing address whose account turned them off", async () => {
    expect(await failedCharge(ids.beta)).toBe(1);
    const account = await viaLink(ids.beta);
    await account.update({ preferences: { payment_failures: false } });
    expect(await failedCharge(ids.beta)).toBe(0);
    await account.update({ preferences: { payment_failures: true } });
    expect(await failedCharge(ids.beta)).toBe(1);
  });

  it("sends none to a login user's address when that user turned them off", async () => {
    const ops = await asUser("ops@gamma.test");
    await ops.update({ preferences: { payment_failures: false } });
    expect(await failedCharge(ids.gamma)).toBe(0);
    // Another category, or another customer's user, changes nothing for this address.
    await ops.update({ preferences: { payment_failures: true, receipts: false } });
    expect(await failedCharge(ids.gamma)).toBe(1);
    // Ann turned off invoice e-mails only: Alpha's billing address still hears about failures.
    expect(await failedCharge(ids.alpha)).toBe(1);
  });
});
