import { useTranslation } from "@portico/i18n";
import { Button, Notice, errorReason } from "@portico/ui";
import { EmailField, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "wouter";
import { accountErrorMessage } from "../auth-errors.js";
import { trpc } from "../trpc.js";

/**
 * Forgot password: asks for a reset link. The answer is the same whether or not the address
 * has an account, so the page reveals nothing about who uses the console.
 */
export function ForgotPassword() {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const request = trpc.auth.console.requestPasswordReset.useMutation();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setFieldError(problem && t(problem));
    if (problem) return emailRef.current?.focus();
    request.mutate({ email: email.trim() });
  }

  const error =
    request.isError &&
    (errorReason(request.error) === "INVALID_INPUT"
      ? t("auth.emailInvalid")
      : accountErrorMessage(t, request.error));
  return (
    <>
      <h1>{t("consoleAccount.forgotTitle")}</h1>
      <p>{t("consoleAccount.forgotDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={request.isPending}>
        {/* One grid row for both live regions, however many speak. */}
        <div>
          <Notice tone="error">{error && <p>{error}</p>}</Notice>
          <Notice tone="success">{request.isSuccess && <p>{t("consoleAccount.forgotSent")}</p>}</Notice>
        </div>
        <EmailField ref={emailRef} value={email} onChange={setEmail} error={fieldError} />
        <div className="pt-actions">
          <Button type="submit" disabled={request.isPending}>
            {request.isPending ? t("consoleAccount.sending") : t("consoleAccount.forgotSubmit")}
          </Button>
        </div>
      </form>
      <p className="pt-section">
        <Link href="/login">{t("consoleAccount.backToSignIn")}</Link>
      </p>
    </>
  );
}
