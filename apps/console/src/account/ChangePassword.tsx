import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { accountErrorMessage } from "../auth-errors.js";
import {
  type NewPassword,
  type NewPasswordErrors,
  NewPasswordFields,
  checkNewPassword,
} from "../components/NewPasswordFields.js";
import { trpc } from "../trpc.js";

type FieldErrors = NewPasswordErrors & { current?: string };

/** Change password: current + new. The server signs out every other session of the account. */
export function ChangePassword() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [current, setCurrent] = useState("");
  const [value, setValue] = useState<NewPassword>({ password: "", confirmation: "" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const currentRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const change = trpc.auth.console.changePassword.useMutation({
    onSuccess: () => {
      setCurrent("");
      setValue({ password: "", confirmation: "" });
      return utils.auth.console.sessions.list.invalidate();
    },
    onError: (error) => {
      if (errorReason(error) === "INVALID_CURRENT_PASSWORD") {
        setFieldErrors({ current: t("consoleAccount.currentPasswordWrong") });
        currentRef.current?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = checkNewPassword(t, value);
    if (!current) errors.current = t("auth.passwordRequired");
    setFieldErrors(errors);
    if (errors.current) return currentRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    if (errors.confirmation) return confirmationRef.current?.focus();
    change.mutate({ currentPassword: current, newPassword: value.password });
  }

  const reason = change.isError ? errorReason(change.error) : null;
  const error =
    change.isError && reason !== "INVALID_CURRENT_PASSWORD"
      ? reason === "PASSWORD_TOO_WEAK" || reason === "INVALID_INPUT"
        ? t("consoleAccount.passwordRejected")
        : accountErrorMessage(t, change.error)
      : null;
  return (
    <section className="pt-section" aria-labelledby="password-title">
      <h2 id="password-title">{t("consoleAccount.passwordTitle")}</h2>
      <p>{t("consoleAccount.passwordDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={change.isPending}>
        <div>
          <Notice tone="error">{error && <p>{error}</p>}</Notice>
          <Notice tone="success">
            {change.isSuccess && (
              <p>{t("consoleAccount.passwordChanged", { count: change.data.sessionsRevoked })}</p>
            )}
          </Notice>
        </div>
        <TextField
          ref={currentRef}
          label={t("consoleAccount.currentPassword")}
          type="password"
          name="current-password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldErrors.current}
        />
        <NewPasswordFields
          value={value}
          onChange={setValue}
          errors={fieldErrors}
          passwordRef={passwordRef}
          confirmationRef={confirmationRef}
        />
        <div className="pt-actions">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? t("consoleAccount.saving") : t("consoleAccount.passwordSubmit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
