import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { useNewPasswordFields } from "../../components/NewPasswordFields.js";
import { trpc } from "../../trpc.js";

/** Change password: the current one, then the new one twice. Every other session ends. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const utils = trpc.useUtils();
  const [current, setCurrent] = useState("");
  const [currentError, setCurrentError] = useState<string | null>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const newPassword = useNewPasswordFields();
  const change = trpc.auth.portal.changePassword.useMutation({
    onSuccess: () => {
      setCurrent("");
      newPassword.clear();
      void utils.auth.portal.sessions.list.invalidate();
    },
    onError: (error) => {
      if (errorReason(error) === "INVALID_CURRENT_PASSWORD") currentRef.current?.focus();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = !current;
    setCurrentError(missing ? t("auth.passwordRequired") : null);
    if (missing) return currentRef.current?.focus();
    if (newPassword.validate())
      change.mutate({ currentPassword: current, newPassword: newPassword.password });
  }

  const error =
    change.isError &&
    (errorReason(change.error) === "INVALID_CURRENT_PASSWORD"
      ? t("portalAccount.currentPasswordWrong")
      : errorText(change.error, t("portalAccount.actionFailed")));
  return (
    <section className="pt-section" aria-labelledby="change-password-title">
      <h2 id="change-password-title">{t("portalAccount.changePasswordTitle")}</h2>
      <p>{t("portalAccount.changePasswordDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={change.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <Notice tone="success">
          {change.isSuccess && (
            <p>{t("portalAccount.passwordChanged", { count: change.data.sessionsRevoked })}</p>
          )}
        </Notice>
        <TextField
          ref={currentRef}
          label={t("portalAccount.currentPassword")}
          type="password"
          name="current-password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={currentError}
        />
        {newPassword.fields}
        <div className="pt-actions">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? t("portalAccount.saving") : t("portalAccount.changePasswordSubmit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
