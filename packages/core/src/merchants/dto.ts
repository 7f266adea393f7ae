import type { IMerchant } from "@portico/db";

/** What the portal shows before anyone signs in: who the merchant is and how it looks. */
export interface PublicBrandingDto {
  merchant: { id: string; name: string; slug: string };
  branding: {
    logoUrl: string | null;
    /** CSS hex colour, `#rrggbb`. */
    primaryColor: string;
    headline: string | null;
    privacyPolicyUrl: string | null;
    termsOfServiceUrl: string | null;
  };
}

export const DEFAULT_BRANDING: PublicBrandingDto["branding"] = {
  logoUrl: null,
  primaryColor: "#4f46e5",
  headline: null,
  privacyPolicyUrl: null,
  termsOfServiceUrl: null,
};

// Branding is the default until PortalConfiguration carries it.
export function toPublicBrandingDto(
  merchant: Pick<IMerchant, "publicId" | "name" | "slug">,
): PublicBrandingDto {
  return {
    merchant: { id: merchant.publicId, name: merchant.name, slug: merchant.slug },
    branding: { ...DEFAULT_BRANDING },
  };
}
