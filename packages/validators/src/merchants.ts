import { z } from "zod";

/** Lower-case letters, digits and inner hyphens, 1–63 characters (a DNS label). */
export const ZMerchantSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "Use lower-case letters, digits and hyphens.");

export const ZBrandingInput = z.object({
  /** Omit when the installation serves a single merchant. */
  merchant: ZMerchantSlug.optional(),
});
export type TBrandingInput = z.infer<typeof ZBrandingInput>;
