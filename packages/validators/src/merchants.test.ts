import { describe, expect, it } from "vitest";
import { ZBrandingInput, ZMerchantSlug } from "./merchants.js";

describe("ZMerchantSlug", () => {
  it.each(["acme", "a", "acme-cloud", "a1", "x".repeat(63)])("accepts %s", (slug) => {
    expect(ZMerchantSlug.safeParse(slug).success).toBe(true);
  });

  it.each(["", "Acme", "-acme", "acme-", "ac me", "acme_cloud", "x".repeat(64)])("refuses %j", (slug) => {
    expect(ZMerchantSlug.safeParse(slug).success).toBe(false);
  });
});

describe("ZBrandingInput", () => {
  it("takes an optional merchant slug", () => {
    expect(ZBrandingInput.parse({})).toEqual({});
    expect(ZBrandingInput.parse({ merchant: "acme" })).toEqual({ merchant: "acme" });
    expect(ZBrandingInput.safeParse({ merchant: "Not A Slug" }).success).toBe(false);
  });
});
