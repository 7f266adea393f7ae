import { useTranslation } from "@portico/i18n";
import { Button, Notice, errorReason } from "@portico/ui";
import { type FormEvent } from "react";
import { Link, useSearch } from "wouter";
import { useAuthErrorText } from "../auth-errors.js";
import { useNewPasswordFields } from "../components/NewPasswordFields.js";
import { trpc } from "../trpc.js";

/**
 * `/reset?token=…`, the link of the reset e-mail: a new password, typed twice. Spending the
 * link signs out every session, so the visitor signs in again afterwards.
 */
export function ResetPassword() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const newPassword = useNewPasswordFields();
  const reset = trpc.auth.portal.resetPassword.useMutation();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (newPassword.validate()) reset.mutate({ token, newPassword: newPassword.password });
  }

  if (reset.isSuccess) {
    return (
      <div className="pt-state" role="status">
        <h1 className="pt-state__title">{t("portalAccount.resetDoneTitle")}</h1>
        <p className="pt-state__description">{t("portalAccount.resetDoneDescription")}</p>
        <div className="pt-state__actions">
          <Link href="/login" replace>
            {t("portalAccount.backToSignIn")}
          </Link>
        </div>
      </div>
    );
  }
  if (!token || errorReason(reset.error) === "RESET_LINK_INVALID") {
    return (
      <div className="pt-state" role="alert">
        <h1 className="pt-state__title">{t("portalAccount.resetInvalidTitle")}</h1>
        <p className="pt-state__description">{t("portalAccount.resetInvalidDescription")}</p>
        <div className="pt-state__actions">
          <Link href="/forgot" replace>
            {t("portalAccount.resetAskAgain")}
          </Link>
        </div>
      </div>
    );
  }

  const error = reset.isError ? errorText(reset.error, t("portalAccount.actionFailed")) : null;
  return (
    <>
      <h1>{t("portalAccount.resetTitle")}</h1>
      <p>{t("portalAccount.resetDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={reset.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        {newPassword.fields}
        <div className="pt-actions">
          <Button type="submit" disabled={reset.isPending}>
            {reset.isPending ? t("portalAccount.saving") : t("portalAccount.resetSubmit")}
          </Button>
        </div>
      </form>
    </>
  );
}
