import type { IMerchant, PortalBranding } from "@portico/db";

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
  /** The portal's sign-in screen offers "Create an account" (self-registration is enabled). */
  registrationEnabled: boolean;
}

export const DEFAULT_BRANDING: PublicBrandingDto["branding"] = {
  logoUrl: null,
  primaryColor: "#4f46e5",
  headline: null,
  privacyPolicyUrl: null,
  termsOfServiceUrl: null,
};

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** Merges the default configuration's branding over the defaults; a malformed colour falls back. */
export function toPublicBrandingDto(
  merchant: Pick<IMerchant, "publicId" | "name" | "slug">,
  branding: PortalBranding = {},
  registrationEnabled = false,
): PublicBrandingDto {
  const colour =
    branding.primaryColor && HEX_COLOUR.test(branding.primaryColor) ? branding.primaryColor : null;
  return {
    merchant: { id: merchant.publicId, name: branding.businessName ?? merchant.name, slug: merchant.slug },
    branding: {
      logoUrl: branding.logoUrl ?? DEFAULT_BRANDING.logoUrl,
      primaryColor: colour ?? DEFAULT_BRANDING.primaryColor,
      headline: branding.headline ?? DEFAULT_BRANDING.headline,
      privacyPolicyUrl: branding.privacyPolicyUrl ?? DEFAULT_BRANDING.privacyPolicyUrl,
      termsOfServiceUrl: branding.termsOfServiceUrl ?? DEFAULT_BRANDING.termsOfServiceUrl,
    },
    registrationEnabled,
  };
}
