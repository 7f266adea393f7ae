import { useTranslation } from "@portico/i18n";
import { Button, Notice, errorReason } from "@portico/ui";
import { EmailField, PageLoading, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "wouter";
import { useAuthErrorText } from "../auth-errors.js";
import { useCarriedEmail } from "../sign-in.js";
import { trpc } from "../trpc.js";
import { useBranding } from "../use-branding.js";

/**
 * `/register`: self-registration, when the merchant allows it. The e-mail gets a link to
 * finish (at `/invite/<secret>`) if it is a customer's billing address without a login; the
 * page says the same in every case.
 */
export function Register() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const branding = useBranding();
  const carriedEmail = useCarriedEmail();
  const [email, setEmail] = useState(carriedEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const register = trpc.auth.portal.register.useMutation();

  if (branding.isPending) return <PageLoading />;
  const disabled =
    branding.data?.registrationEnabled !== true || errorReason(register.error) === "FEATURE_DISABLED";
  if (disabled) {
    return (
      <>
        <h1>{t("portalAccount.registerTitle")}</h1>
        <div className="pt-state" role="status">
          <h2 className="pt-state__title">{t("portalAccount.registerClosedTitle")}</h2>
          <p className="pt-state__description">{t("portalAccount.registerClosedDescription")}</p>
          <div className="pt-state__actions">
            <Link href="/login">{t("portalAccount.backToSignIn")}</Link>
          </div>
        </div>
      </>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setFieldError(problem && t(problem));
    if (problem) return emailRef.current?.focus();
    register.mutate({ email: email.trim() });
  }

  const error = register.isError ? errorText(register.error, t("portalAccount.actionFailed")) : null;
  return (
    <>
      <h1>{t("portalAccount.registerTitle")}</h1>
      <p>{t("portalAccount.registerDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={register.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <Notice tone="success">
          {register.isSuccess && (
            <p>{t("portalAccount.registerSent", { email: register.variables.email })}</p>
          )}
        </Notice>
        <EmailField
          ref={emailRef}
          autoComplete="email"
          value={email}
          onChange={setEmail}
          error={fieldError}
        />
        <div className="pt-actions">
          <Button type="submit" disabled={register.isPending}>
            {register.isPending ? t("portalAccount.codeSending") : t("portalAccount.registerSubmit")}
          </Button>
        </div>
      </form>
      <ul className="pt-link-list">
        <li>
          <Link href="/login">{t("portalAccount.haveAccount")}</Link>
        </li>
      </ul>
    </>
  );
}
