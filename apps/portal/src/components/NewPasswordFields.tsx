import { useTranslation } from "@portico/i18n";
import { TextField } from "@portico/ui";
import { NEW_PASSWORD_MIN_LENGTH } from "@portico/ui/spa";
import { type ReactNode, useRef, useState } from "react";

export interface NewPasswordFields {
  password: string;
  /** The "new password" and "confirm" fields, with their inline errors. */
  fields: ReactNode;
  /** Checks length and match, shows the errors, focuses the first bad field; true when fine. */
  validate(): boolean;
  clear(): void;
}

/** A new password typed twice (reset, change, invitation), checked against the server's policy. */
export function useNewPasswordFields(): NewPasswordFields {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  function validate(): boolean {
    const next: typeof errors = {};
    if (password.length < NEW_PASSWORD_MIN_LENGTH)
      next.password = t("portalAccount.passwordTooShort", { min: NEW_PASSWORD_MIN_LENGTH });
    else if (confirm !== password) next.confirm = t("portalAccount.passwordMismatch");
    setErrors(next);
    if (next.password) passwordRef.current?.focus();
    else if (next.confirm) confirmRef.current?.focus();
    return !next.password && !next.confirm;
  }

  const fields = (
    <>
      <TextField
        ref={passwordRef}
        label={t("portalAccount.newPassword")}
        hint={t("portalAccount.newPasswordHint", { min: NEW_PASSWORD_MIN_LENGTH })}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <TextField
        ref={confirmRef}
        label={t("portalAccount.confirmPassword")}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm}
      />
    </>
  );
  return {
    password,
    fields,
    validate,
    clear() {
      setPassword("");
      setConfirm("");
      setErrors({});
    },
  };
}
