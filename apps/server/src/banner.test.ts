import { describe, expect, it } from "vitest";
import { formatBanner } from "./banner.js";

const demo = {
  created: true,
  merchant: { name: "Acme Cloud", slug: "acme" },
  logins: [{ surface: "console" as const, email: "owner@acme.test", password: "pw1", description: "Owner" }],
  apiKey: { value: "sk_test_known", prefix: "sk_test_" },
};

describe("formatBanner", () => {
  it("names every URL and the demo logins and API key", () => {
    const text = formatBanner({
      version: "1.2.3",
      publicUrl: "http://localhost:3000",
      databaseKind: "embedded",
      demo,
    });
    for (const line of [
      "Portico 1.2.3 is running (embedded PostgreSQL)",
      "http://localhost:3000/",
      "http://localhost:3000/portal/",
      "http://localhost:3000/console/",
      "owner@acme.test  pw1",
      "sk_test_known",
    ]) {
      expect(text).toContain(line);
    }
  });

  it("explains a demo API key it cannot show", () => {
    const text = formatBanner({
      version: "1.2.3",
      publicUrl: "https://billing.example.com",
      databaseKind: "server",
      demo: { ...demo, created: false, apiKey: { value: null, prefix: "sk_test_" } },
    });
    expect(text).toContain("sk_test_… (only its hash is stored; set PORTICO_DEMO_API_KEY");
  });

  it("prints no demo section without demo data", () => {
    const text = formatBanner({ version: "1", publicUrl: "http://x", databaseKind: "server", demo: null });
    expect(text).not.toContain("Demo");
  });
});
