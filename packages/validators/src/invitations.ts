import { z } from "zod";
import { ZMerchantSlug } from "./merchants.js";
import { NEW_PASSWORD_MIN_LENGTH } from "./recovery.js";

/**
 * Inputs of the team screens (`admin.users`, `portal.members`), of invitation links and of
 * portal self-registration (`auth.console.*Invitation`, `auth.portal.*Invitation`,
 * `auth.portal.register`). Roles mirror @portico/db MERCHANT_USER_ROLES / CUSTOMER_USER_ROLES.
 */
export const MERCHANT_USER_ROLE_VALUES = ["owner", "admin", "support"] as const;
export const CUSTOMER_USER_ROLE_VALUES = ["admin", "member"] as const;

const ZEmail = z.string().trim().max(320).pipe(z.email());
const ZPersonName = z.string().trim().min(1).max(200);
const ZNewPassword = z.string().min(NEW_PASSWORD_MIN_LENGTH).max(256);

export const ZInviteMerchantUserInput = z.object({
  email: ZEmail,
  /** Shown in the list until the invitee chooses their own at acceptance. */
  name: ZPersonName.optional(),
  role: z.enum(MERCHANT_USER_ROLE_VALUES),
});
export type TInviteMerchantUserInput = z.infer<typeof ZInviteMerchantUserInput>;

export const ZMerchantUserRefInput = z.object({
  /** Public id of the console user (`mu_…`), as the list shows it. */
  user: z.string().startsWith("mu_").max(64),
});
export type TMerchantUserRefInput = z.infer<typeof ZMerchantUserRefInput>;

export const ZUpdateMerchantUserRoleInput = ZMerchantUserRefInput.extend({
  role: z.enum(MERCHANT_USER_ROLE_VALUES),
});
export type TUpdateMerchantUserRoleInput = z.infer<typeof ZUpdateMerchantUserRoleInput>;

export const ZInviteCustomerMemberInput = z.object({
  email: ZEmail,
  name: ZPersonName.optional(),
  role: z.enum(CUSTOMER_USER_ROLE_VALUES),
});
export type TInviteCustomerMemberInput = z.infer<typeof ZInviteCustomerMemberInput>;

export const ZCustomerMemberRefInput = z.object({
  /** Public id of the portal user (`cu_…`), as the list shows it. */
  member: z.string().startsWith("cu_").max(64),
});
export type TCustomerMemberRefInput = z.infer<typeof ZCustomerMemberRefInput>;

export const ZUpdateCustomerMemberRoleInput = ZCustomerMemberRefInput.extend({
  role: z.enum(CUSTOMER_USER_ROLE_VALUES),
});
export type TUpdateCustomerMemberRoleInput = z.infer<typeof ZUpdateCustomerMemberRoleInput>;

export const ZInvitationSecretInput = z.object({
  /** The secret from the e-mailed link (`/console/invite/<secret>`, `/portal/invite/<secret>`). */
  secret: z.string().trim().min(1).max(128),
});
export type TInvitationSecretInput = z.infer<typeof ZInvitationSecretInput>;

export const ZAcceptInvitationInput = ZInvitationSecretInput.extend({
  name: ZPersonName,
  password: ZNewPassword,
});
export type TAcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;

export const ZRegisterInput = z.object({
  /** Omit when the installation serves a single merchant. */
  merchant: ZMerchantSlug.optional(),
  email: ZEmail,
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;
