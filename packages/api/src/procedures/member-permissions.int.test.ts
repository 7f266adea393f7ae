import { hashPassword } from "@portico/auth";
import { fixedClock } from "@portico/core";
import { Customer, CustomerUser, Merchant } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "../test/browser.js";
import { failure } from "../test/failure.js";

const clock = fixedClock(new Date("2026-03-01T12:00:00Z"));
const ORIGIN = "https://billing.acme.test";
const PASSWORD = "right-password-1";

// A member login user sees and does only what their permissions grant; an admin everything.
describe("customerProcedure: a member's permissions", () => {
  let db: TestDatabase;

  /** The portal, signed in with a password as `email`. */
  const signedIn = async (email: string) => {
    const browser = openBrowser(db, { clock, origin: ORIGIN });
    await browser.call().auth.portal.login({ email, password: PASSWORD });
    return browser.call().portal;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme" });
    const customer = em.create(Customer, { merchant, name: "Alpha Ltd", currency: "EUR" });
    const passwordHash = await hashPassword(PASSWORD);
    const user = (email: string, role: "admin" | "member", permissions: string[] = []) =>
      em.create(CustomerUser, { merchant, customer, email, role, permissions, passwordHash });
    user("boss@alpha.test", "admin");
    user("nobody@alpha.test", "member");
    user("reader@alpha.test", "member", ["invoices:read"]);
    user("clerk@alpha.test", "member", ["customer:write", "payment_methods:write"]);
    await em.flush();
  });
  afterAll(() => db?.close());

  it("lets every member read the account itself, and nothing it was not granted", async () => {
    const portal = await signedIn("nobody@alpha.test");
    expect((await portal.customer.get()).name).toBe("Alpha Ltd");
    expect((await portal.configuration.get()).features.invoiceHistory.enabled).toBe(true);
    expect(await failure(portal.invoices.list({}))).toBe("FORBIDDEN PERMISSION_MISSING");
    expect(await failure(portal.payments.list({}))).toBe("FORBIDDEN PERMISSION_MISSING");
    expect(await failure(portal.paymentMethods.list())).toBe("FORBIDDEN PERMISSION_MISSING");
    expect(await failure(portal.profile.update({ name: "Renamed" }))).toBe("FORBIDDEN PERMISSION_MISSING");
    // The dashboard still opens, without the invoice and payment lists it may not read.
    const summary = await portal.billing.summary();
    expect(summary.openInvoices).toBeNull();
    expect(summary.recentPayments).toBeNull();
  });

  it("reads with a read grant, but never writes with it", async () => {
    const portal = await signedIn("reader@alpha.test");
    expect((await portal.invoices.list({})).data).toEqual([]);
    expect((await portal.billing.summary()).openInvoices).toEqual([]);
    expect(await failure(portal.paymentMethods.add({ card: VISA }))).toBe("FORBIDDEN PERMISSION_MISSING");
    expect(await failure(portal.profile.update({ name: "Renamed" }))).toBe("FORBIDDEN PERMISSION_MISSING");
  });

  it("writes with a write grant, which implies reading", async () => {
    const portal = await signedIn("clerk@alpha.test");
    expect((await portal.profile.update({ name: "Alpha Limited" })).name).toBe("Alpha Limited");
    expect((await portal.paymentMethods.add({ card: VISA })).last4).toBe("4242");
    expect(await portal.paymentMethods.list()).toHaveLength(1);
    expect(await failure(portal.invoices.list({}))).toBe("FORBIDDEN PERMISSION_MISSING");
    // Managing the account's logins stays with admins, whatever a member was granted.
    expect(await failure(portal.members.invite({ email: "new@alpha.test", role: "member" }))).toBe(
      "FORBIDDEN CUSTOMER_ADMIN_REQUIRED",
    );
  });

  it("leaves an admin unlimited", async () => {
    const portal = await signedIn("boss@alpha.test");
    expect((await portal.invoices.list({})).data).toEqual([]);
    expect(await portal.paymentMethods.list()).toHaveLength(1);
    expect((await portal.profile.update({ name: "Alpha Ltd" })).name).toBe("Alpha Ltd");
  });
});

const VISA = { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" };
