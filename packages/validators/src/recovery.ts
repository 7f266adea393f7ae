import { z } from "zod";
import { ZMerchantSlug } from "./merchants.js";

const ZEmail = z.string().trim().max(320).pipe(z.email());
/** Mirrors @portico/auth's PASSWORD_MIN_LENGTH / PASSWORD_MAX_LENGTH (validators sits beside auth). */
export const NEW_PASSWORD_MIN_LENGTH = 10;
const ZNewPassword = z.string().min(NEW_PASSWORD_MIN_LENGTH).max(256);
const ZCustomerChoice = z.string().max(64);

export const ZRequestLoginCodeInput = z.object({
  merchant: ZMerchantSlug.optional(),
  email: ZEmail,
});
export type TRequestLoginCodeInput = z.infer<typeof ZRequestLoginCodeInput>;

export const ZVerifyLoginCodeInput = z.object({
  merchant: ZMerchantSlug.optional(),
  email: ZEmail,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "a 6-digit code"),
  /** The customer account (`cus_…`) after a CUSTOMER_CHOICE_REQUIRED answer. */
  customer: ZCustomerChoice.optional(),
});
export type TVerifyLoginCodeInput = z.infer<typeof ZVerifyLoginCodeInput>;

export const ZRequestPasswordResetInput = z.object({
  merchant: ZMerchantSlug.optional(),
  email: ZEmail,
});
export type TRequestPasswordResetInput = z.infer<typeof ZRequestPasswordResetInput>;

export const ZResetPasswordInput = z.object({
  /** The `token` query parameter of the emailed link. */
  token: z.string().trim().min(1).max(128),
  newPassword: ZNewPassword,
});
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZNewPassword,
});
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;
