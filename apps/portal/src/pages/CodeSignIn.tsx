import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { EmailField, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { useAuthErrorText } from "../auth-errors.js";
import { CustomerChoiceList } from "../components/CustomerChoiceList.js";
import {
  type CustomerChoice,
  type SignInState,
  customerChoices,
  useCarriedEmail,
  useFinishSignIn,
} from "../sign-in.js";
import { trpc } from "../trpc.js";

const CODE = /^\d{6}$/;

/**
 * `/login/code`: sign in with a 6-digit code sent by email. The request answers the same
 * whether or not the address has an account, and so does this page.
 */
export function CodeSignIn() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const finishSignIn = useFinishSignIn();
  const carriedEmail = useCarriedEmail();
  const [email, setEmail] = useState(carriedEmail);
  // Where the last code went, and how many were asked for (a resend is announced too).
  const [sent, setSent] = useState<{ to: string; count: number } | null>(null);
  const sentTo = sent?.to ?? null;
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [choices, setChoices] = useState<CustomerChoice[]>([]);
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const request = trpc.auth.portal.requestLoginCode.useMutation();
  const verify = trpc.auth.portal.verifyLoginCode.useMutation({
    onSuccess: finishSignIn,
    onError: (error) => setChoices(customerChoices(error) ?? []),
  });

  // Each step's field takes the focus when the step appears (not on the first render).
  const stepShown = useRef(false);
  useEffect(() => {
    if (sentTo !== null) codeRef.current?.focus();
    else if (stepShown.current) emailRef.current?.focus();
    stepShown.current = true;
  }, [sentTo]);

  function send(to: string) {
    verify.reset();
    setChoices([]);
    request.mutate(
      { email: to },
      { onSuccess: () => setSent((last) => ({ to, count: last?.to === to ? last.count + 1 : 1 })) },
    );
  }

  function submitEmail(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setFieldError(problem && t(problem));
    if (problem) return emailRef.current?.focus();
    send(email.trim());
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, "");
    const bad = !CODE.test(digits);
    setFieldError(bad ? t("portalAccount.codeFormat") : null);
    if (bad || sentTo === null) return codeRef.current?.focus();
    setChoices([]);
    verify.mutate({ email: sentTo, code: digits });
  }

  function verifyError(): string | null {
    if (!verify.isError || errorReason(verify.error) === "CUSTOMER_CHOICE_REQUIRED") return null;
    return errorText(verify.error, t("auth.failed"));
  }

  const requestError = request.isError ? errorText(request.error, t("portalAccount.codeSendFailed")) : null;
  const carried: SignInState = { email: sentTo ?? email.trim() };

  if (sent === null) {
    return (
      <>
        <h1>{t("portalAccount.codeTitle")}</h1>
        <p>{t("portalAccount.codeDescription")}</p>
        <form className="pt-form" noValidate onSubmit={submitEmail} aria-busy={request.isPending}>
          <Notice tone="error">{requestError && <p>{requestError}</p>}</Notice>
          <EmailField ref={emailRef} value={email} onChange={setEmail} error={fieldError} />
          <div className="pt-actions">
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? t("portalAccount.codeSending") : t("portalAccount.codeSend")}
            </Button>
          </div>
        </form>
        <ul className="pt-link-list">
          <li>
            <Link href="/login" state={carried}>
              {t("portalAccount.passwordLink")}
            </Link>
          </li>
        </ul>
      </>
    );
  }

  const error = verifyError() ?? requestError;
  return (
    <>
      <h1>{t("portalAccount.codeEnterTitle")}</h1>
      <Notice tone="success">
        <p>
          {t(sent.count > 1 ? "portalAccount.codeResent" : "portalAccount.codeSent", {
            email: sent.to,
            minutes: request.data?.expiresInMinutes ?? 10,
          })}
        </p>
      </Notice>
      <form className="pt-form" noValidate onSubmit={submitCode} aria-busy={verify.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <TextField
          ref={codeRef}
          label={t("portalAccount.codeLabel")}
          hint={t("portalAccount.codeHint")}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldError}
        />
        <div className="pt-actions">
          <Button type="submit" disabled={verify.isPending}>
            {verify.isPending ? t("auth.submitting") : t("auth.submit")}
          </Button>
          <Button variant="secondary" disabled={request.isPending} onClick={() => send(sent.to)}>
            {request.isPending ? t("portalAccount.codeSending") : t("portalAccount.codeResend")}
          </Button>
        </div>
        <Notice>
          {choices.length > 0 && (
            <CustomerChoiceList
              choices={choices}
              disabled={verify.isPending}
              onChoose={(customer) =>
                verify.mutate({ email: sent.to, code: code.replace(/\s+/g, ""), customer })
              }
            />
          )}
        </Notice>
      </form>
      <ul className="pt-link-list">
        <li>
          <Button
            variant="secondary"
            onClick={() => {
              setSent(null);
              setCode("");
              setFieldError(null);
              verify.reset();
            }}
          >
            {t("portalAccount.codeOtherEmail")}
          </Button>
        </li>
        <li>
          <Link href="/login" state={carried}>
            {t("portalAccount.passwordLink")}
          </Link>
        </li>
      </ul>
    </>
  );
}
