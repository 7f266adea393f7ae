import { z } from "zod";

/** A 6-digit TOTP code ("123 456" allowed). */
const ZTotpCode = z
  .string()
  .trim()
  .max(16)
  .transform((code) => code.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** A TOTP code or a recovery code (`xxxx-xxxx-xxxx`); the server tells them apart. */
const ZMfaCode = z.string().trim().min(6).max(32);

export const ZConfirmMfaEnrollmentInput = z.object({ code: ZTotpCode });
export type TConfirmMfaEnrollmentInput = z.infer<typeof ZConfirmMfaEnrollmentInput>;

export const ZVerifyMfaInput = z.object({ code: ZMfaCode });
export type TVerifyMfaInput = z.infer<typeof ZVerifyMfaInput>;

export const ZDisableMfaInput = z.object({
  password: z.string().min(1).max(256),
  code: ZMfaCode,
});
export type TDisableMfaInput = z.infer<typeof ZDisableMfaInput>;

export const ZRegenerateRecoveryCodesInput = z.object({ code: ZTotpCode });
export type TRegenerateRecoveryCodesInput = z.infer<typeof ZRegenerateRecoveryCodesInput>;
