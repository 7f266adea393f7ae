import { formatDate, useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorDetails, errorReason, localeTag } from "@portico/ui";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useLocation } from "wouter";
import { trpc } from "../trpc.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Console password sign-in; a session that owes MFA goes on to enrolment or the challenge. */
export function Login() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const login = trpc.auth.console.login.useMutation({
    onSuccess: ({ mfaRequired, mfaEnrollmentRequired, ...identity }) => {
      queryClient.removeQueries({ queryKey: [["admin"]] });
      utils.auth.console.session.setData(undefined, identity);
      navigate(mfaRequired || mfaEnrollmentRequired ? "/mfa" : "/", { replace: true });
    },
  });

  function formError(): string | null {
    if (!login.isError) return null;
    switch (errorReason(login.error)) {
      case "INVALID_CREDENTIALS":
        return t("auth.invalidCredentials");
      case "ACCOUNT_LOCKED": {
        const until = errorDetails(login.error).lockedUntil;
        const time =
          typeof until === "string"
            ? formatDate(until, localeTag(), { dateStyle: "medium", timeStyle: "short" })
            : "";
        return t("auth.accountLocked", { time });
      }
      case "INVALID_INPUT":
        return t("auth.invalidInput");
      default:
        return t("auth.failed");
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: { email?: string; password?: string } = {};
    const trimmed = email.trim();
    if (!trimmed) errors.email = t("auth.emailRequired");
    else if (!EMAIL.test(trimmed)) errors.email = t("auth.emailInvalid");
    if (!password) errors.password = t("auth.passwordRequired");
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    login.mutate({ email: trimmed, password });
  }

  const error = formError();
  return (
    <>
      <h1>{t("auth.signInTitle")}</h1>
      <p>{t("console.signInDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={login.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <TextField
          ref={emailRef}
          label={t("auth.email")}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldErrors.email}
        />
        <TextField
          ref={passwordRef}
          label={t("auth.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        <div className="pt-actions">
          <Button type="submit" disabled={login.isPending}>
            {login.isPending ? t("auth.submitting") : t("auth.submit")}
          </Button>
        </div>
      </form>
    </>
  );
}
