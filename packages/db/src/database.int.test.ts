import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Merchant } from "./entities/index.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

describe("test database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("stores and reads back a merchant with a prefixed public id", async () => {
    const em = db.em();
    const merchant = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    await em.flush();
    expect(merchant.publicId).toMatch(/^mer_[a-z2-7]{24}$/);
    const found = await db.em().findOneOrFail(Merchant, { slug: "acme" });
    expect(found.name).toBe("Acme Cloud");
    expect(found.id).toBe(merchant.id);
  });
});
