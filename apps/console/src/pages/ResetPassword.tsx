import { useTranslation } from "@portico/i18n";
import { Button, Notice, errorReason } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { Link, useSearch } from "wouter";
import { accountErrorMessage } from "../auth-errors.js";
import {
  type NewPassword,
  type NewPasswordErrors,
  NewPasswordFields,
  checkNewPassword,
} from "../components/NewPasswordFields.js";
import { trpc } from "../trpc.js";

/**
 * The page the reset e-mail links to (`/console/reset?token=…`): a new password, once. The
 * server ends every session of the account, so the user signs in again afterwards.
 */
export function ResetPassword() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const [value, setValue] = useState<NewPassword>({ password: "", confirmation: "" });
  const [fieldErrors, setFieldErrors] = useState<NewPasswordErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const reset = trpc.auth.console.resetPassword.useMutation();

  const invalidLink = (
    <>
      <p>{t("consoleAccount.resetInvalid")}</p>
      <p>
        <Link href="/forgot">{t("consoleAccount.resetRequestNew")}</Link>
      </p>
    </>
  );

  if (reset.isSuccess) {
    return (
      <>
        <h1>{t("consoleAccount.resetDoneTitle")}</h1>
        <Notice tone="success">
          <p>{t("consoleAccount.resetDone")}</p>
        </Notice>
        <p className="pt-section">
          <Link href="/login">{t("auth.submit")}</Link>
        </p>
      </>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = checkNewPassword(t, value);
    setFieldErrors(errors);
    if (errors.password) return passwordRef.current?.focus();
    if (errors.confirmation) return confirmationRef.current?.focus();
    reset.mutate({ token, newPassword: value.password });
  }

  const reason = reset.isError ? errorReason(reset.error) : null;
  const error =
    reset.isError && reason !== "RESET_LINK_INVALID"
      ? reason === "PASSWORD_TOO_WEAK" || reason === "INVALID_INPUT"
        ? t("consoleAccount.passwordRejected")
        : accountErrorMessage(t, reset.error)
      : null;
  return (
    <>
      <h1>{t("consoleAccount.resetTitle")}</h1>
      {!token || reason === "RESET_LINK_INVALID" ? (
        <Notice tone="error">{invalidLink}</Notice>
      ) : (
        <form className="pt-form" noValidate onSubmit={submit} aria-busy={reset.isPending}>
          <p>{t("consoleAccount.resetDescription")}</p>
          <Notice tone="error">{error && <p>{error}</p>}</Notice>
          <NewPasswordFields
            value={value}
            onChange={setValue}
            errors={fieldErrors}
            passwordRef={passwordRef}
            confirmationRef={confirmationRef}
          />
          <div className="pt-actions">
            <Button type="submit" disabled={reset.isPending}>
              {reset.isPending ? t("consoleAccount.saving") : t("consoleAccount.resetSubmit")}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
