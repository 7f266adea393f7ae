import { Merchant, PortalConfiguration } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { getPublicBranding } from "./branding.js";

describe("getPublicBranding", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("is NOT_FOUND while there is no merchant at all", async () => {
    await expect(getPublicBranding(db.em(), {})).rejects.toMatchObject({
      code: "NOT_FOUND",
      reason: "MERCHANT_NOT_FOUND",
    });
  });

  it("answers for the only merchant when no slug is given, and by slug", async () => {
    const em = db.em();
    const acme = em.create(Merchant, { slug: "acme", name: "Acme Cloud" });
    await em.flush();
    const expected = { merchant: { id: acme.publicId, name: "Acme Cloud", slug: "acme" } };
    expect(await getPublicBranding(db.em(), {})).toMatchObject(expected);
    expect(await getPublicBranding(db.em(), { merchant: "acme" })).toMatchObject(expected);
  });

  it("is NOT_FOUND for an unknown slug", async () => {
    const error = await getPublicBranding(db.em(), { merchant: "nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "NOT_FOUND", reason: "MERCHANT_NOT_FOUND" });
  });

  it("needs a slug once several merchants share the installation", async () => {
    const em = db.em();
    em.create(Merchant, { slug: "globex", name: "Globex" });
    await em.flush();
    await expect(getPublicBranding(db.em(), {})).rejects.toMatchObject({
      code: "NOT_FOUND",
      reason: "MERCHANT_SLUG_REQUIRED",
    });
    expect((await getPublicBranding(db.em(), { merchant: "globex" })).merchant.name).toBe("Globex");
  });

  it("takes logo, colour, headline and legal links from the default portal configuration", async () => {
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, { slug: "acme" });
    em.create(PortalConfiguration, {
      merchant,
      name: "Default",
      isDefault: true,
      branding: {
        logoUrl: "https://acme.test/logo.svg",
        primaryColor: "#0a7cff",
        headline: "Manage your Acme plan",
        privacyPolicyUrl: "https://acme.test/privacy",
        termsOfServiceUrl: "https://acme.test/terms",
      },
    });
    await em.flush();
    expect((await getPublicBranding(db.em(), { merchant: "acme" })).branding).toEqual({
      logoUrl: "https://acme.test/logo.svg",
      primaryColor: "#0a7cff",
      headline: "Manage your Acme plan",
      privacyPolicyUrl: "https://acme.test/privacy",
      termsOfServiceUrl: "https://acme.test/terms",
    });
  });
});
