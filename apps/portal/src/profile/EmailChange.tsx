import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { accountErrorText, emailProblem } from "@portico/ui/spa";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { dateTime } from "../format.js";
import { trpc } from "../trpc.js";
import type { Profile } from "./profile-form.js";
import type { Status } from "./status.js";

type Pending = NonNullable<Profile["pendingEmailChange"]>;
type Step = "view" | "address" | "code";

/**
 * The billing e-mail: shown, and when the configuration allows, changed in two steps — a
 * code goes to the new address, and entering it applies the change. A code still waiting
 * when the page opens resumes at the second step.
 */
export function EmailChange({
  profile,
  merchant,
  onChanged,
}: {
  profile: Profile;
  merchant: string;
  onChanged(profile: Profile): void;
}) {
  const { t } = useTranslation();
  const editable = profile.editableFields.includes("email");
  const [pending, setPending] = useState<Pending | null>(profile.pendingEmailChange);
  const [step, setStep] = useState<Step>(pending ? "code" : "view");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [emailError, setEmailError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  // Focus follows the step the user moved to (not the one the page opened on).
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (step === "address" ? emailInput : step === "code" ? codeInput : changeButton).current?.focus();
  }, [step]);
  const go = (next: Step) => {
    moved.current = true;
    setStep(next);
  };

  const failure = (error: unknown) =>
    errorReason(error) === "FIELD_NOT_EDITABLE"
      ? t("portalProfile.notEditable")
      : (accountErrorText(t, error) ?? t("portalProfile.emailFailed"));

  const request = trpc.portal.profile.requestEmailChange.useMutation({
    onSuccess: (sent) => {
      setPending(sent);
      setCode("");
      setCodeError(null);
      setStatus({ tone: "success", text: t("portalProfile.codeSent", { email: sent.email }) });
      go("code");
    },
    onError: (error) => {
      const reason = errorReason(error);
      if (reason === "EMAIL_UNCHANGED" || reason === "INVALID_INPUT") {
        setEmailError(t(reason === "EMAIL_UNCHANGED" ? "portalProfile.emailUnchanged" : "auth.emailInvalid"));
        setStatus(null);
        return emailInput.current?.focus();
      }
      setStatus({ tone: "error", text: failure(error) });
    },
  });
  const confirm = trpc.portal.profile.confirmEmailChange.useMutation({
    onSuccess: (saved) => {
      onChanged(saved);
      setPending(null);
      setStatus({ tone: "success", text: t("portalProfile.emailChanged", { email: saved.email ?? "" }) });
      go("view");
    },
    onError: (error) => {
      const reason = errorReason(error);
      if (reason === "EMAIL_CHANGE_CODE_INVALID" || reason === "INVALID_INPUT") {
        setCodeError(t("portalProfile.codeInvalid"));
        setStatus(null);
        return codeInput.current?.focus();
      }
      setStatus({ tone: "error", text: failure(error) });
    },
  });

  function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(email);
    setEmailError(problem && t(problem));
    if (problem) return emailInput.current?.focus();
    setStatus(null);
    request.mutate({ email: email.trim() });
  }

  function confirmCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = code.replace(/\s/g, "");
    const problem = /^\d{6}$/.test(typed) ? null : t("portalProfile.codeFormat");
    setCodeError(problem);
    if (problem) return codeInput.current?.focus();
    setStatus(null);
    confirm.mutate({ code: typed });
  }

  return (
    <section className="pt-section" aria-labelledby="billing-email-title">
      <h2 id="billing-email-title">{t("portalProfile.emailTitle")}</h2>
      <p>
        {profile.email
          ? t("portalProfile.emailCurrent", { email: profile.email })
          : t("portalProfile.emailNone")}
      </p>
      {!editable && <p>{t("portalProfile.emailManaged", { merchant })}</p>}
      {editable && step === "view" && (
        <div className="pt-actions">
          <Button ref={changeButton} variant="secondary" onClick={() => go("address")}>
            {t("portalProfile.emailChange")}
          </Button>
        </div>
      )}
      {editable && step === "address" && (
        <form className="pt-form" noValidate onSubmit={sendCode} aria-busy={request.isPending}>
          <TextField
            ref={emailInput}
            label={t("portalProfile.newEmail")}
            hint={t("portalProfile.newEmailHint")}
            type="email"
            name="new-email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={emailError}
          />
          <div className="pt-actions">
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? t("portalProfile.codeSending") : t("portalProfile.sendCode")}
            </Button>
            <Button variant="secondary" onClick={() => go("view")}>
              {t("portalProfile.cancel")}
            </Button>
          </div>
        </form>
      )}
      {editable && step === "code" && pending && (
        <form className="pt-form" noValidate onSubmit={confirmCode} aria-busy={confirm.isPending}>
          <p>{t("portalProfile.codeSentTo", { email: pending.email, time: dateTime(pending.expiresAt) })}</p>
          <TextField
            ref={codeInput}
            label={t("portalProfile.code")}
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={codeError}
          />
          <div className="pt-actions">
            <Button type="submit" disabled={confirm.isPending}>
              {confirm.isPending ? t("portalProfile.confirming") : t("portalProfile.confirm")}
            </Button>
            <Button
              variant="secondary"
              disabled={request.isPending}
              onClick={() => {
                setStatus(null);
                request.mutate({ email: pending.email });
              }}
            >
              {t("portalProfile.resendCode")}
            </Button>
            <Button variant="secondary" onClick={() => go("view")}>
              {t("portalProfile.cancel")}
            </Button>
          </div>
        </form>
      )}
      <Notice tone={status?.tone}>{status && <p>{status.text}</p>}</Notice>
    </section>
  );
}
