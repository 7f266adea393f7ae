import type { DemoSummary } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../test/build-test-app.js";

const demo: DemoSummary = {
  created: true,
  merchant: { name: "Acme Cloud", slug: "acme" },
  logins: [
    {
      surface: "console",
      email: "owner@acme.test",
      password: "demo-owner-pw",
      description: "Merchant owner",
    },
    {
      surface: "portal",
      email: "billing@globex.test",
      password: "demo-customer-pw",
      description: "Active customer",
    },
  ],
  apiKey: { value: "sk_test_demo", prefix: "sk_test_" },
};

describe("landing page", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("links both SPAs and lists the demo logins", async () => {
    const app = await buildTestApp(db.orm, { demo });
    const response = await app.inject("/");
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain('href="/portal/"');
    expect(response.body).toContain('href="/console/"');
    for (const text of [
      "Acme Cloud",
      "owner@acme.test",
      "demo-owner-pw",
      "billing@globex.test",
      "demo-customer-pw",
    ]) {
      expect(response.body).toContain(text);
    }
  });

  it("shows no logins on an install without demo data", async () => {
    const app = await buildTestApp(db.orm, { demo: null });
    const response = await app.inject("/");
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Customer portal");
    expect(response.body).not.toContain("Demo logins");
  });
});
