import { describe, expect, it } from "vitest";
import { toPublicBrandingDto } from "./dto.js";

describe("toPublicBrandingDto", () => {
  it("exposes the public id, never the numeric key, with default branding", () => {
    const merchant = { id: 42, publicId: "mer_abc", name: "Acme Cloud", slug: "acme", supportEmail: "x@y" };
    const dto = toPublicBrandingDto(merchant);
    expect(dto).toEqual({
      merchant: { id: "mer_abc", name: "Acme Cloud", slug: "acme" },
      branding: {
        logoUrl: null,
        primaryColor: "#4f46e5",
        headline: null,
        privacyPolicyUrl: null,
        termsOfServiceUrl: null,
      },
      registrationEnabled: false,
    });
    expect(JSON.stringify(dto)).not.toContain("42");
  });

  it("ignores a malformed colour from the configuration", () => {
    const merchant = { publicId: "mer_abc", name: "Acme Cloud", slug: "acme" };
    const dto = toPublicBrandingDto(merchant, { primaryColor: "red; background:url(x)" });
    expect(dto.branding.primaryColor).toBe("#4f46e5");
  });
});
