import { AppError, fixedClock } from "@portico/core";
import { AuditEvent } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authenticateCustomerToken,
  authenticateCustomerTokenWithScope,
  createCustomerToken,
  revokeCustomerToken,
  type CreateCustomerTokenInput,
} from "./customer-tokens.js";
import { seedTwoMerchants, type TwoMerchants } from "./test/fixtures.js";

const T0 = new Date("2026-03-01T12:00:00Z");
const at = (ms: number) => fixedClock(new Date(T0.getTime() + ms));

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return `${(error as AppError).code} ${(error as AppError).reason}`;
}

describe("customer tokens", () => {
  let db: TestDatabase;
  let m: TwoMerchants;
  let create: (overrides?: Partial<CreateCustomerTokenInput>) => ReturnType<typeof createCustomerToken>;
  beforeAll(async () => {
    db = await createTestDatabase();
    m = await seedTwoMerchants(db.em());
    create = (overrides = {}) =>
      createCustomerToken(db.em(), at(0), {
        merchantId: m.a.merchant.id,
        customer: m.a.customer.publicId,
        scopes: ["invoices:read"],
        apiKeyId: null,
        ...overrides,
      });
  });
  afterAll(() => db?.close());

  it("is shown once and stored only as a hash", async () => {
    const created = await create({ scopes: ["invoices:read", "usage:read", "invoices:read"] });
    expect(created.token).toMatch(/^cst_[a-z2-7]{32}$/);
    expect(created.scopes).toEqual(["invoices:read", "usage:read"]);
    expect(created.expiresAt).toEqual(new Date(T0.getTime() + 3_600_000));
    const rows = await db
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(`select * from "customer_token" where "public_id" = ?`, [
        created.id,
      ]);
    expect(rows[0]!.token_hash).toBe(createHash("sha256").update(created.token, "utf8").digest("hex"));
    expect(JSON.stringify(rows[0])).not.toContain(created.token.slice(12));
    expect(
      await db.em().count(AuditEvent, { action: "Portal.CustomerTokenCreated", targetId: created.id }),
    ).toBe(1);
  });

  it("resolves to its own customer only", async () => {
    const forA = await create();
    const forOther = await create({ customer: "a-2" });
    const authA = await authenticateCustomerToken(db.em(), at(1), forA.token);
    const authOther = await authenticateCustomerToken(db.em(), at(1), forOther.token);
    expect(authA).toMatchObject({
      merchantId: m.a.merchant.id,
      customerId: m.a.customer.id,
      scopes: ["invoices:read"],
    });
    expect(authOther.customerId).toBe(m.a.other.id);
    expect(authOther.customerId).not.toBe(authA.customerId);
  });

  it("is refused once expired", async () => {
    const created = await create({ expiresInSeconds: 60 });
    await authenticateCustomerToken(db.em(), at(59_999), created.token);
    expect(await reasonOf(authenticateCustomerToken(db.em(), at(60_000), created.token))).toBe(
      "UNAUTHORIZED INVALID_CUSTOMER_TOKEN",
    );
  });

  it("is refused once revoked; another merchant gets NOT_FOUND", async () => {
    const created = await create();
    expect(
      await reasonOf(revokeCustomerToken(db.em(), at(1), { merchantId: m.b.merchant.id, id: created.id })),
    ).toBe("NOT_FOUND CUSTOMER_TOKEN_NOT_FOUND");
    await authenticateCustomerToken(db.em(), at(1), created.token);
    await revokeCustomerToken(db.em(), at(2), { merchantId: m.a.merchant.id, id: created.id });
    expect(await reasonOf(authenticateCustomerToken(db.em(), at(3), created.token))).toBe(
      "UNAUTHORIZED INVALID_CUSTOMER_TOKEN",
    );
  });

  it("refuses unknown and malformed tokens alike", async () => {
    for (const token of ["cst_" + "a".repeat(32), "cst_", "sk_test_" + "a".repeat(32), ""]) {
      expect(await reasonOf(authenticateCustomerToken(db.em(), at(0), token))).toBe(
        "UNAUTHORIZED INVALID_CUSTOMER_TOKEN",
      );
    }
  });

  it("checks scopes: invoices:read does not reach subscriptions:write", async () => {
    const created = await create({ scopes: ["invoices:read"] });
    await authenticateCustomerTokenWithScope(db.em(), at(1), created.token, "invoices:read");
    expect(
      await reasonOf(
        authenticateCustomerTokenWithScope(db.em(), at(1), created.token, "subscriptions:write"),
      ),
    ).toBe("FORBIDDEN SCOPE_MISSING");
  });

  it("validates scopes, lifetime and the customer's merchant", async () => {
    expect(await reasonOf(create({ scopes: [] }))).toBe("BAD_REQUEST INVALID_SCOPE");
    expect(await reasonOf(create({ scopes: ["invoices:write"] }))).toBe("BAD_REQUEST INVALID_SCOPE");
    expect(await reasonOf(create({ expiresInSeconds: 59 }))).toBe(
      "BAD_REQUEST CUSTOMER_TOKEN_LIFETIME_OUT_OF_RANGE",
    );
    expect(await reasonOf(create({ expiresInSeconds: 86_401 }))).toBe(
      "BAD_REQUEST CUSTOMER_TOKEN_LIFETIME_OUT_OF_RANGE",
    );
    expect(await reasonOf(create({ customer: m.b.customer.publicId }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
  });
});
