import { hashPassword } from "@portico/auth";
import { fixedClock } from "@portico/core";
import { ApiKey, Customer, Merchant, MerchantUser } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../root.js";
import { createContextInner } from "../../trpc.js";
import { consoleBrowser } from "../../test/browser.js";
import { failure } from "../../test/failure.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const clock = fixedClock(NOW);
const ORIGIN = "https://console.acme.test";
const PASSWORD = "right-password-1";

describe("admin.apiKeys", () => {
  let db: TestDatabase;
  let customer: string;

  /** A signed-in console browser for `email`. */
  async function consoleAs(email: string, merchant = "acme") {
    return (await consoleBrowser(db, { clock, origin: ORIGIN }, { merchant, email, password: PASSWORD }))
      .call;
  }
  const withKey = (key: string) =>
    createCaller(createContextInner({ orm: db.orm, clock, req: { authorization: `Bearer ${key}` } }));

  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.em();
    const passwordHash = await hashPassword(PASSWORD);
    const acme = em.create(Merchant, { slug: "acme", name: "Acme" });
    const beta = em.create(Merchant, { slug: "beta", name: "Beta" });
    for (const [merchant, email, role] of [
      [acme, "owner@acme.test", "owner"],
      [acme, "admin@acme.test", "admin"],
      [acme, "support@acme.test", "support"],
      [beta, "admin@beta.test", "admin"],
    ] as const) {
      em.create(MerchantUser, { merchant, email, name: email, role, passwordHash });
    }
    const c = em.create(Customer, { merchant: acme, name: "Alpha Ltd", currency: "USD" });
    await em.flush();
    customer = c.publicId;
  });
  afterAll(() => db?.close());

  it("an admin creates a key shown once, which authenticates integration calls until revoked", async () => {
    const admin = await consoleAs("admin@acme.test");
    const created = await admin().admin.apiKeys.create({ name: "Backend", mode: "test" });
    expect(created.key).toMatch(/^sk_test_[a-z2-7]{32}$/);
    expect(created.apiKey).toMatchObject({
      id: expect.stringMatching(/^key_/),
      name: "Backend",
      mode: "test",
      prefix: created.key.slice(0, 12),
      revokedAt: null,
    });

    const list = await admin().admin.apiKeys.list();
    expect(list.map((k) => k.id)).toContain(created.apiKey.id);
    expect(JSON.stringify(list)).not.toContain(created.key);
    const stored = await db.em().findOneOrFail(ApiKey, { publicId: created.apiKey.id });
    expect(stored.secretHash).not.toContain(created.key.slice(12));

    const link = await withKey(created.key).integration.portalSessions.create({ customer });
    expect(link.id).toMatch(/^ps_/);

    const revoked = await admin().admin.apiKeys.revoke({ id: created.apiKey.id });
    expect(revoked.revokedAt).toBe(NOW.toISOString());
    expect(await failure(withKey(created.key).integration.portalSessions.create({ customer }))).toBe(
      "UNAUTHORIZED INVALID_API_KEY",
    );
  });

  it("refuses support users, and callers without a console session", async () => {
    const support = await consoleAs("support@acme.test");
    expect(await failure(support().admin.apiKeys.create({ name: "X", mode: "live" }))).toBe(
      "FORBIDDEN ROLE_NOT_ALLOWED",
    );
    expect(await failure(support().admin.apiKeys.list())).toBe("FORBIDDEN ROLE_NOT_ALLOWED");
    expect(await failure(withKey("sk_test_" + "a".repeat(32)).admin.apiKeys.list())).toBe(
      "UNAUTHORIZED SESSION_REQUIRED",
    );
  });

  it("refuses an owner who still owes MFA enrolment", async () => {
    const owner = await consoleAs("owner@acme.test");
    expect(await failure(owner().admin.apiKeys.create({ name: "X", mode: "test" }))).toBe(
      "FORBIDDEN MFA_REQUIRED",
    );
  });

  it("keeps merchants apart: another merchant's key is NOT_FOUND and not listed", async () => {
    const acme = await consoleAs("admin@acme.test");
    const beta = await consoleAs("admin@beta.test", "beta");
    const { apiKey } = await acme().admin.apiKeys.create({ name: "Live", mode: "live" });
    expect(await failure(beta().admin.apiKeys.revoke({ id: apiKey.id }))).toBe("NOT_FOUND API_KEY_NOT_FOUND");
    expect((await beta().admin.apiKeys.list()).map((k) => k.id)).not.toContain(apiKey.id);
    expect((await acme().admin.apiKeys.list()).find((k) => k.id === apiKey.id)?.revokedAt).toBeNull();
  });

  it("validates input", async () => {
    const admin = await consoleAs("admin@acme.test");
    expect(await failure(admin().admin.apiKeys.create({ name: " ", mode: "test" }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await failure(admin().admin.apiKeys.revoke({ id: "nope" }))).toBe("BAD_REQUEST INVALID_INPUT");
  });
});
