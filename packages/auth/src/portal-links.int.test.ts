import { AppError, fixedClock } from "@portico/core";
import { AuditEvent, Invoice, PortalConfiguration, PortalSession, Subscription } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, authenticateApiKey } from "./api-keys.js";
import {
  createPortalLink,
  redeemPortalLink,
  revokePortalLink,
  type CreatePortalLinkInput,
} from "./portal-links.js";
import { seedTwoMerchants, type TwoMerchants } from "./test/fixtures.js";

const T0 = new Date("2026-03-01T12:00:00Z");
const at = (ms: number) => fixedClock(new Date(T0.getTime() + ms));
const PUBLIC_URL = "https://billing.example.com";

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return `${(error as AppError).code} ${(error as AppError).reason}`;
}

const secretOf = (url: string) => url.slice(`${PUBLIC_URL}/portal/s/`.length);

describe("portal links", () => {
  let db: TestDatabase;
  let m: TwoMerchants;
  let link: (
    overrides?: Partial<CreatePortalLinkInput>,
    clockMs?: number,
  ) => ReturnType<typeof createPortalLink>;
  beforeAll(async () => {
    db = await createTestDatabase();
    m = await seedTwoMerchants(db.em());
    const { key } = await createApiKey(db.em(), at(0), {
      merchantId: m.a.merchant.id,
      name: "A",
      mode: "test",
    });
    const auth = await authenticateApiKey(db.em(), at(0), key);
    link = (overrides = {}, clockMs = 0) =>
      createPortalLink(db.em(), at(clockMs), {
        merchantId: auth.merchantId,
        customer: m.a.customer.publicId,
        apiKeyId: auth.apiKeyId,
        apiKeyPublicId: auth.apiKeyPublicId,
        publicUrl: PUBLIC_URL,
        ...overrides,
      });
  });
  afterAll(() => db?.close());

  it("makes a URL with a single-use secret, storing only its hash", async () => {
    const created = await link({ returnUrl: "https://app.example.com/account", locale: "fr" });
    expect(created.id).toMatch(/^ps_/);
    expect(created.url).toMatch(/^https:\/\/billing\.example\.com\/portal\/s\/[a-z2-7]{32}$/);
    expect(created.expiresAt).toEqual(new Date(T0.getTime() + 3_600_000));
    const secret = secretOf(created.url);
    const rows = await db
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(`select * from "portal_session" where "public_id" = ?`, [
        created.id,
      ]);
    expect(rows[0]!.secret_hash).toBe(createHash("sha256").update(secret, "utf8").digest("hex"));
    expect(JSON.stringify(rows[0])).not.toContain(secret);
    expect(await db.em().count(AuditEvent, { action: "Portal.LinkCreated", targetId: created.id })).toBe(1);
  });

  it("works once: the second use is refused", async () => {
    const created = await link({ returnUrl: "https://app.example.com/back" });
    const redeemed = await redeemPortalLink(db.em(), at(1000), secretOf(created.url), { ip: "10.0.0.1" });
    expect(redeemed.customer.publicId).toBe(m.a.customer.publicId);
    expect(redeemed.customerId).toBe(m.a.customer.id);
    expect(redeemed.merchantId).toBe(m.a.merchant.id);
    expect(redeemed.portalSession.returnUrl).toBe("https://app.example.com/back");
    expect(redeemed.portalSession.redeemedAt).toEqual(new Date(T0.getTime() + 1000));
    expect(await reasonOf(redeemPortalLink(db.em(), at(2000), secretOf(created.url)))).toBe(
      "UNAUTHORIZED PORTAL_LINK_INVALID",
    );
    const audit = await db
      .em()
      .findOneOrFail(AuditEvent, { action: "Portal.LinkRedeemed", targetId: created.id });
    expect(audit.ip).toBe("10.0.0.1");
  });

  it("gives exactly one success to parallel redemptions", async () => {
    const created = await link();
    const secret = secretOf(created.url);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => redeemPortalLink(db.em(), at(1000), secret)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ reason: "PORTAL_LINK_INVALID" });
    }
  });

  it("is consumed inside the caller's transaction: a rollback leaves it usable", async () => {
    const created = await link();
    const failed = db.em().transactional(async (em) => {
      await redeemPortalLink(em, at(1), secretOf(created.url));
      throw new Error("session creation failed");
    });
    await expect(failed).rejects.toThrow("session creation failed");
    await redeemPortalLink(db.em(), at(2), secretOf(created.url));
  });

  it("is refused from its expiry on", async () => {
    const created = await link({ expiresInSeconds: 300 });
    expect(await reasonOf(redeemPortalLink(db.em(), at(300_000), secretOf(created.url)))).toBe(
      "UNAUTHORIZED PORTAL_LINK_INVALID",
    );
    await redeemPortalLink(db.em(), at(299_999), secretOf(created.url));
  });

  it("is refused after revoke; another merchant cannot revoke it", async () => {
    const created = await link();
    expect(
      await reasonOf(revokePortalLink(db.em(), at(1), { merchantId: m.b.merchant.id, id: created.id })),
    ).toBe("NOT_FOUND PORTAL_LINK_NOT_FOUND");
    await revokePortalLink(db.em(), at(1), { merchantId: m.a.merchant.id, id: created.id });
    expect(await reasonOf(redeemPortalLink(db.em(), at(2), secretOf(created.url)))).toBe(
      "UNAUTHORIZED PORTAL_LINK_INVALID",
    );
  });

  it("refuses unknown and malformed secrets the same way", async () => {
    for (const secret of ["a".repeat(32), "", "../../etc", "A".repeat(32)]) {
      expect(await reasonOf(redeemPortalLink(db.em(), at(0), secret))).toBe(
        "UNAUTHORIZED PORTAL_LINK_INVALID",
      );
    }
  });

  it("enforces a lifetime of 5 minutes to 24 hours", async () => {
    for (const seconds of [299, 86_401, 0, -1, 600.5]) {
      expect(await reasonOf(link({ expiresInSeconds: seconds }))).toBe(
        "BAD_REQUEST PORTAL_LINK_LIFETIME_OUT_OF_RANGE",
      );
    }
    expect((await link({ expiresInSeconds: 86_400 })).expiresAt).toEqual(new Date(T0.getTime() + 86_400_000));
    expect((await link({ expiresInSeconds: 300 })).expiresAt).toEqual(new Date(T0.getTime() + 300_000));
  });

  it("takes the merchant's external id for the customer", async () => {
    const created = await link({ customer: "a-2" });
    const redeemed = await redeemPortalLink(db.em(), at(1), secretOf(created.url));
    expect(redeemed.customer.publicId).toBe(m.a.other.publicId);
  });

  it("answers NOT_FOUND for another merchant's customer or configuration", async () => {
    expect(await reasonOf(link({ customer: m.b.customer.publicId }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await reasonOf(link({ customer: "b-1" }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await reasonOf(link({ customer: "nobody" }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    const em = db.em();
    const foreign = em.create(PortalConfiguration, { merchant: m.b.merchant, name: "B portal" });
    const own = em.create(PortalConfiguration, { merchant: m.a.merchant, name: "A portal" });
    await em.flush();
    expect(await reasonOf(link({ configuration: foreign.publicId }))).toBe(
      "NOT_FOUND CONFIGURATION_NOT_FOUND",
    );
    const created = await link({ configuration: own.publicId });
    const redeemed = await redeemPortalLink(db.em(), at(1), secretOf(created.url));
    expect(redeemed.portalSession.configuration?.getEntity().publicId).toBe(own.publicId);
  });

  it("refuses a returnUrl that is not http(s)", async () => {
    expect(await reasonOf(link({ returnUrl: "javascript:alert(1)" }))).toBe("BAD_REQUEST INVALID_RETURN_URL");
  });

  it("validates flows against the customer's own subscriptions and invoices", async () => {
    const em = db.em();
    const [subscriptionId, invoiceId] = await Promise.all([
      em.findOne(Subscription, { customer: m.a.customer }).then((s) => s?.publicId),
      em.findOne(Invoice, { customer: m.a.customer }).then((i) => i?.publicId),
    ]);
    expect(await reasonOf(link({ flow: { type: "subscription_cancel" } }))).toBe("BAD_REQUEST INVALID_FLOW");
    expect(await reasonOf(link({ flow: { type: "invoice_pay" } }))).toBe("BAD_REQUEST INVALID_FLOW");
    expect(await reasonOf(link({ flow: { type: "subscription_cancel", subscription: "sub_nope" } }))).toBe(
      "NOT_FOUND SUBSCRIPTION_NOT_FOUND",
    );
    expect(await reasonOf(link({ flow: { type: "invoice_pay", invoice: "in_nope" } }))).toBe(
      "NOT_FOUND INVOICE_NOT_FOUND",
    );
    const created = await link({ flow: { type: "payment_method_update" } });
    const stored = await db.em().findOneOrFail(PortalSession, { publicId: created.id });
    expect(stored.flow).toEqual({ type: "payment_method_update" });
    // The fixture has no subscriptions or invoices; the demo-backed router tests cover owned ones.
    expect(subscriptionId ?? invoiceId).toBeUndefined();
  });
});
