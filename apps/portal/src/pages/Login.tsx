import { formatDate, useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorDetails, errorReason, localeTag } from "@portico/ui";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useLocation } from "wouter";
import { trpc } from "../trpc.js";

interface CustomerChoice {
  customer: string;
  name: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function customerChoices(details: Record<string, unknown>): CustomerChoice[] {
  const list = details.customers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (c): c is CustomerChoice =>
      typeof c === "object" && c !== null && typeof c.customer === "string" && typeof c.name === "string",
  );
}

/** Password sign-in, with the customer choice when one email opens several accounts. */
export function Login() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [choices, setChoices] = useState<CustomerChoice[]>([]);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const login = trpc.auth.portal.login.useMutation({
    onSuccess: ({ mfaRequired, ...identity }) => {
      queryClient.removeQueries({ queryKey: [["portal"]] });
      utils.auth.portal.session.setData(undefined, identity);
      // The MFA challenge screen comes with the MFA procedures; until then, say what is owed.
      if (!mfaRequired) navigate("/", { replace: true });
    },
    onError: (error) => {
      if (errorReason(error) === "CUSTOMER_CHOICE_REQUIRED") setChoices(customerChoices(errorDetails(error)));
      else setChoices([]);
    },
  });

  function formError(): string | null {
    if (!login.isError) return null;
    switch (errorReason(login.error)) {
      case "CUSTOMER_CHOICE_REQUIRED":
        return null;
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
    setChoices([]);
    login.mutate({ email: trimmed, password });
  }

  const error = formError();
  return (
    <>
      <h1>{t("auth.signInTitle")}</h1>
      <p>{t("portal.signInDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={login.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <Notice>{login.data?.mfaRequired && <p>{t("auth.mfaPending")}</p>}</Notice>
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
        <Notice>
          {choices.length > 0 && (
            <fieldset className="pt-choice">
              <legend>{t("auth.chooseCustomerTitle")}</legend>
              <p>{t("auth.chooseCustomerDescription")}</p>
              {choices.map((choice) => (
                <Button
                  key={choice.customer}
                  variant="secondary"
                  disabled={login.isPending}
                  onClick={() => login.mutate({ email: email.trim(), password, customer: choice.customer })}
                >
                  {t("auth.chooseCustomer", { name: choice.name })}
                </Button>
              ))}
            </fieldset>
          )}
        </Notice>
      </form>
    </>
  );
}
