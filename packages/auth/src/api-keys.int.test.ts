import { AppError, fixedClock } from "@portico/core";
import { ApiKey, AuditEvent } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "./api-keys.js";
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

describe("API keys", () => {
  let db: TestDatabase;
  let m: TwoMerchants;
  beforeAll(async () => {
    db = await createTestDatabase();
    m = await seedTwoMerchants(db.em());
  });
  afterAll(() => db?.close());

  it("shows the key once and stores only its SHA-256 and a 12-character prefix", async () => {
    const { key, apiKey } = await createApiKey(db.em(), at(0), {
      merchantId: m.a.merchant.id,
      name: "Backend",
      mode: "live",
    });
    expect(key).toMatch(/^sk_live_[a-z2-7]{32}$/);
    expect(apiKey).toMatchObject({
      name: "Backend",
      prefix: key.slice(0, 12),
      mode: "live",
      revokedAt: null,
    });
    expect(JSON.stringify(apiKey)).not.toContain(key.slice(12));

    const rows = await db
      .em()
      .getConnection()
      .execute<Record<string, unknown>[]>(`select * from "api_key" where "public_id" = ?`, [apiKey.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret_hash).toBe(createHash("sha256").update(key, "utf8").digest("hex"));
    expect(JSON.stringify(rows[0])).not.toContain(key.slice(12));
    expect(await db.em().count(AuditEvent, { action: "ApiKey.Created", targetId: apiKey.id })).toBe(1);
  });

  it("authenticates the key to its merchant and refuses anything else with one reason", async () => {
    const { key, apiKey } = await createApiKey(db.em(), at(0), {
      merchantId: m.a.merchant.id,
      name: "K",
      mode: "test",
    });
    const auth = await authenticateApiKey(db.em(), at(1000), key);
    expect(auth).toMatchObject({ merchantId: m.a.merchant.id, apiKeyPublicId: apiKey.id, mode: "test" });
    for (const bad of [
      "",
      "sk_test_",
      `${key}x`,
      key.replace("sk_test_", "sk_live_"),
      "sk_test_" + "b".repeat(32),
      key.toUpperCase(),
    ]) {
      expect(await reasonOf(authenticateApiKey(db.em(), at(1000), bad))).toBe("UNAUTHORIZED INVALID_API_KEY");
    }
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const { key, apiKey } = await createApiKey(db.em(), at(0), {
      merchantId: m.a.merchant.id,
      name: "L",
      mode: "test",
    });
    const lastUsed = async () =>
      (await db.em().findOneOrFail(ApiKey, { publicId: apiKey.id })).lastUsedAt?.getTime();
    await authenticateApiKey(db.em(), at(1_000), key);
    expect(await lastUsed()).toBe(T0.getTime() + 1_000);
    await authenticateApiKey(db.em(), at(30_000), key);
    expect(await lastUsed()).toBe(T0.getTime() + 1_000);
    await authenticateApiKey(db.em(), at(61_000), key);
    expect(await lastUsed()).toBe(T0.getTime() + 61_000);
  });

  it("refuses a revoked key; another merchant cannot revoke it", async () => {
    const { key, apiKey } = await createApiKey(db.em(), at(0), {
      merchantId: m.a.merchant.id,
      name: "R",
      mode: "test",
    });
    expect(await reasonOf(revokeApiKey(db.em(), at(1), { merchantId: m.b.merchant.id, id: apiKey.id }))).toBe(
      "NOT_FOUND API_KEY_NOT_FOUND",
    );
    await authenticateApiKey(db.em(), at(1), key);
    const revoked = await revokeApiKey(db.em(), at(2), { merchantId: m.a.merchant.id, id: apiKey.id });
    expect(revoked.revokedAt).toBe(new Date(T0.getTime() + 2).toISOString());
    expect(await reasonOf(authenticateApiKey(db.em(), at(3), key))).toBe("UNAUTHORIZED INVALID_API_KEY");
  });

  it("refuses an expired key", async () => {
    const { key } = await createApiKey(db.em(), at(0), {
      merchantId: m.a.merchant.id,
      name: "E",
      mode: "test",
      expiresAt: new Date(T0.getTime() + 60_000),
    });
    await authenticateApiKey(db.em(), at(59_999), key);
    expect(await reasonOf(authenticateApiKey(db.em(), at(60_000), key))).toBe("UNAUTHORIZED INVALID_API_KEY");
  });

  it("lists a merchant's own keys without hashes", async () => {
    const listB = await listApiKeys(db.em(), { merchantId: m.b.merchant.id });
    expect(listB).toEqual([]);
    const listA = await listApiKeys(db.em(), { merchantId: m.a.merchant.id });
    expect(listA.length).toBeGreaterThan(0);
    expect(Object.keys(listA[0]!).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "mode", "name", "prefix", "revokedAt"].sort(),
    );
  });

  it("accepts the demo seed's stored key (SHA-256 hex of a known sk_test_ value)", async () => {
    const { seedDemo } = await import("@portico/db");
    const demoKey = "sk_test_" + "Demo1".repeat(6);
    await seedDemo(db.orm, { apiKey: demoKey });
    const auth = await authenticateApiKey(db.em(), at(0), demoKey);
    expect(auth.mode).toBe("test");
  });
});
