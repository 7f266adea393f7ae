import {
  Merchant,
  PortalConfiguration,
  type EntityManager,
  type IMerchant,
  type IPortalConfiguration,
} from "@portico/db";
import { AppError } from "../errors.js";
import { toPublicBrandingDto, type PublicBrandingDto } from "./dto.js";

export interface GetPublicBrandingInput {
  /** Merchant slug; may be omitted when this Portico serves exactly one merchant. */
  merchant?: string;
}

/** Public branding of a merchant, readable without signing in. */
export async function getPublicBranding(
  em: EntityManager,
  input: GetPublicBrandingInput,
): Promise<PublicBrandingDto> {
  if (input.merchant !== undefined) {
    const merchant = await em.findOne(Merchant, { slug: input.merchant });
    if (!merchant) throw merchantNotFound();
    return brandingOf(em, merchant);
  }
  // Two rows are enough to tell "exactly one" from "several".
  const merchants = await em.find(Merchant, {}, { orderBy: { id: "asc" }, limit: 2 });
  const [only] = merchants;
  if (!only) throw merchantNotFound();
  if (merchants.length > 1) {
    throw new AppError(
      "NOT_FOUND",
      "MERCHANT_SLUG_REQUIRED",
      "Several merchants use this Portico: name one by slug.",
    );
  }
  return brandingOf(em, only);
}

/** The merchant's active default portal configuration, if it has one. */
export function findDefaultPortalConfiguration(
  em: EntityManager,
  merchant: IMerchant | number,
): Promise<IPortalConfiguration | null> {
  return em.findOne(PortalConfiguration, { merchant, isDefault: true, active: true });
}

/** Self-registration is off unless the default configuration turns it on. */
export function isRegistrationEnabled(configuration: IPortalConfiguration | null): boolean {
  return configuration?.features.registration?.enabled === true;
}

/** Branding lives on the merchant's default portal configuration, when it has one. */
async function brandingOf(em: EntityManager, merchant: IMerchant): Promise<PublicBrandingDto> {
  const configuration = await findDefaultPortalConfiguration(em, merchant);
  return toPublicBrandingDto(merchant, configuration?.branding, isRegistrationEnabled(configuration));
}

function merchantNotFound(): AppError {
  return new AppError("NOT_FOUND", "MERCHANT_NOT_FOUND", "No such merchant.");
}
