import { type EntityManager, type IMerchant, type PostalAddress } from "@portico/db";
import { createHash } from "node:crypto";
import { safeColor } from "../email/templates.js";
import { findDefaultPortalConfiguration } from "../merchants/branding.js";

/** A logo PDFKit can embed: PNG or JPEG bytes. */
export interface DocumentLogo {
  data: Buffer;
  /** Hex SHA-256 of `data`: part of a cached PDF's fingerprint. */
  sha256: string;
}

/** Who a document comes from, as printed at its top. */
export interface DocumentBranding {
  name: string;
  addressLines: string[];
  taxId: string | null;
  supportEmail: string | null;
  /** Headings and rules; a hex colour (the default blue when the merchant's is not one). */
  primaryColor: string;
  logo: DocumentLogo | null;
  timeZone: string;
  /** US and Canadian merchants print on Letter, everyone else on A4. */
  pageSize: "A4" | "LETTER";
}

/** At most 2 MiB of logo: a larger one is skipped rather than bloating every PDF. */
const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const LETTER_COUNTRIES = new Set(["US", "CA"]);

/**
 * The merchant as its documents show it: name (the portal's business name when set),
 * address, tax id, support e-mail, and the primary colour and logo of its default portal
 * configuration. Only a logo given as a `data:` URL (PNG or JPEG) is embedded: rendering
 * never fetches a remote URL (no network in a job, no server-side request forgery).
 */
export async function loadDocumentBranding(
  em: EntityManager,
  merchant: IMerchant,
): Promise<DocumentBranding> {
  const configuration = await findDefaultPortalConfiguration(em, merchant);
  const branding = configuration?.branding ?? {};
  const country = merchant.address?.country?.toUpperCase() ?? null;
  return {
    name: branding.businessName?.trim() || merchant.name,
    addressLines: addressLines(merchant.address),
    taxId: merchant.taxId ?? null,
    supportEmail: merchant.supportEmail ?? null,
    primaryColor: safeColor(branding.primaryColor),
    logo: decodeLogo(branding.logoUrl),
    timeZone: merchant.timezone,
    pageSize: country && LETTER_COUNTRIES.has(country) ? "LETTER" : "A4",
  };
}

/** A postal address as printed lines: street lines, then `postal code city`, state, country. */
export function addressLines(address: PostalAddress | null | undefined): string[] {
  if (!address) return [];
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(" ");
  return [address.line1, address.line2, cityLine, address.state, address.country]
    .map((part) => part?.trim() ?? "")
    .filter((part) => part !== "");
}

const DATA_URL = /^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=\s]+)$/i;

/** The logo's bytes when `url` is a PNG or JPEG `data:` URL whose bytes say the same; else null. */
export function decodeLogo(url: string | null | undefined): DocumentLogo | null {
  const match = url ? DATA_URL.exec(url.trim()) : null;
  if (!match) return null;
  const data = Buffer.from(match[2]!.replace(/\s+/g, ""), "base64");
  if (data.length === 0 || data.length > MAX_LOGO_BYTES) return null;
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = data[0] === 0xff && data[1] === 0xd8;
  if (!png && !jpeg) return null;
  return { data, sha256: createHash("sha256").update(data).digest("hex") };
}
