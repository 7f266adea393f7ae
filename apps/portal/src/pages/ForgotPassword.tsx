import { useTranslation } from "@portico/i18n";
import { Button, Notice } from "@portico/ui";
import { EmailField, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "wouter";
import { useAuthErrorText } from "../auth-errors.js";
import { useCarriedEmail } from "../sign-in.js";
import { trpc } from "../trpc.js";

/** `/forgot`: asks for a reset link. The answer is the same whether the address has an account or not. */
export function ForgotPassword() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const carriedEmail = useCarriedEmail();
  const [email, setEmail] = useState(carriedEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const request = trpc.auth.portal.requestPasswordReset.useMutation();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setFieldError(problem && t(problem));
    if (problem) return emailRef.current?.focus();
    request.mutate({ email: email.trim() });
  }

  const error = request.isError ? errorText(request.error, t("portalAccount.actionFailed")) : null;
  return (
    <>
      <h1>{t("portalAccount.forgotTitle")}</h1>
      <p>{t("portalAccount.forgotDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={request.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <Notice tone="success">
          {request.isSuccess && <p>{t("portalAccount.forgotSent", { email: request.variables.email })}</p>}
        </Notice>
        <EmailField ref={emailRef} value={email} onChange={setEmail} error={fieldError} />
        <div className="pt-actions">
          <Button type="submit" disabled={request.isPending}>
            {request.isPending ? t("portalAccount.codeSending") : t("portalAccount.forgotSubmit")}
          </Button>
        </div>
      </form>
      <ul className="pt-link-list">
        <li>
          <Link href="/login">{t("portalAccount.backToSignIn")}</Link>
        </li>
      </ul>
    </>
  );
}
