import { z } from "zod";
import { ZMerchantSlug } from "./merchants.js";

const ZEmail = z.string().trim().max(320).pipe(z.email());
/** Length-capped only: the policy (minimum length) applies when a password is set, not at login. */
const ZPassword = z.string().min(1).max(256);

export const ZConsoleLoginInput = z.object({
  /** Omit when the installation serves a single merchant or the e-mail belongs to one. */
  merchant: ZMerchantSlug.optional(),
  email: ZEmail,
  password: ZPassword,
});
export type TConsoleLoginInput = z.infer<typeof ZConsoleLoginInput>;

export const ZPortalLoginInput = z.object({
  merchant: ZMerchantSlug.optional(),
  email: ZEmail,
  password: ZPassword,
  /** The customer account (`cus_…`) after a CUSTOMER_CHOICE_REQUIRED answer. */
  customer: z.string().max(64).optional(),
});
export type TPortalLoginInput = z.infer<typeof ZPortalLoginInput>;

export const ZRevokeSessionInput = z.object({
  /** Public id of the session (`sess_…`), as the session list shows it. */
  session: z.string().startsWith("sess_").max(64),
});
export type TRevokeSessionInput = z.infer<typeof ZRevokeSessionInput>;

export const ZRedeemPortalLinkInput = z.object({
  /** The secret from a portal link's URL (`/portal/s/<secret>`). */
  secret: z.string().trim().min(1).max(128),
});
export type TRedeemPortalLinkInput = z.infer<typeof ZRedeemPortalLinkInput>;
