/** Input attributes of a one-time code field: digits keyboard, OTP autofill, no spellcheck. */
export const ONE_TIME_CODE_INPUT = {
  inputMode: "numeric",
  autoComplete: "one-time-code",
  spellCheck: false,
  autoCapitalize: "off",
} as const;

/** The six digits of a TOTP code as typed ("123 456" allowed), or null. */
export function totpDigits(value: string): string | null {
  const digits = value.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
