import { useTranslation } from "@portico/i18n";
import { TextField } from "@portico/ui";
import { NEW_PASSWORD_MIN_LENGTH } from "@portico/ui/spa";
import type { RefObject } from "react";

export interface NewPassword {
  password: string;
  confirmation: string;
}

export type NewPasswordErrors = { password?: string; confirmation?: string };

/** Field errors of a new password and its confirmation; empty when both are fine. */
export function checkNewPassword(
  t: ReturnType<typeof useTranslation>["t"],
  value: NewPassword,
): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (value.password.length < NEW_PASSWORD_MIN_LENGTH) {
    errors.password = t("consoleAccount.passwordTooShort", { min: NEW_PASSWORD_MIN_LENGTH });
  } else if (value.confirmation !== value.password) {
    errors.confirmation = t("consoleAccount.passwordMismatch");
  }
  return errors;
}

/** "New password" and "Confirm new password", with the length rule as a hint. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  passwordRef,
  confirmationRef,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  errors: NewPasswordErrors;
  passwordRef: RefObject<HTMLInputElement | null>;
  confirmationRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        ref={passwordRef}
        label={t("consoleAccount.newPassword")}
        hint={t("consoleAccount.newPasswordHint", { min: NEW_PASSWORD_MIN_LENGTH })}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        error={errors.password}
      />
      <TextField
        ref={confirmationRef}
        label={t("consoleAccount.confirmPassword")}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={value.confirmation}
        onChange={(e) => onChange({ ...value, confirmation: e.target.value })}
        error={errors.confirmation}
      />
    </>
  );
}
