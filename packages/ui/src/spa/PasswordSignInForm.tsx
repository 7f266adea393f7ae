import { useTranslation } from "@portico/i18n";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { errorReason } from "../api-errors.js";
import { Button } from "../Button.js";
import { Notice } from "../Notice.js";
import { TextField } from "../TextField.js";
import { type Translate, accountErrorText } from "./account-errors.js";
import { emailProblem } from "./email-check.js";
import { EmailField } from "./EmailField.js";

export interface Credentials {
  email: string;
  password: string;
}

export interface PasswordSignInFormProps {
  value: Credentials;
  onChange(value: Credentials): void;
  /** Called, with the e-mail trimmed, once both fields pass the checks. */
  onSubmit(credentials: Credentials): void;
  pending: boolean;
  /** The sign-in's failure (null when none), shown with the shared sign-in copy. */
  error: unknown;
  /** Beside the submit button, e.g. a "Forgot your password?" link. */
  actions?: ReactNode;
  /** Below the buttons, inside the form, e.g. the portal's choice of account. */
  children?: ReactNode;
}

/** The message of a failed password sign-in; null when there is none to show. */
function signInErrorText(t: Translate, error: unknown): string | null {
  if (!error) return null;
  switch (errorReason(error)) {
    case "CUSTOMER_CHOICE_REQUIRED":
      return null; // not a failure: the portal lists the accounts to choose from
    case "INVALID_CREDENTIALS":
      return t("auth.invalidCredentials");
    case "INVALID_INPUT":
      return t("auth.invalidInput");
    default:
      return accountErrorText(t, error) ?? t("auth.failed");
  }
}

/**
 * E-mail and password, checked before sending (the first bad field gets the focus), with the
 * failure announced above the fields. The app owns the values and sends the mutation.
 */
export function PasswordSignInForm({
  value,
  onChange,
  onSubmit,
  pending,
  error,
  actions,
  children,
}: PasswordSignInFormProps) {
  const { t } = useTranslation();
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = emailProblem(value.email);
    const errors = {
      email: problem ? t(problem) : undefined,
      password: value.password ? undefined : t("auth.passwordRequired"),
    };
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    onSubmit({ email: value.email.trim(), password: value.password });
  }

  const message = signInErrorText(t, error);
  return (
    <form className="pt-form" noValidate onSubmit={submit} aria-busy={pending}>
      <Notice tone="error">{message && <p>{message}</p>}</Notice>
      <EmailField
        ref={emailRef}
        value={value.email}
        onChange={(email) => onChange({ ...value, email })}
        error={fieldErrors.email}
      />
      <TextField
        ref={passwordRef}
        label={t("auth.password")}
        type="password"
        name="password"
        autoComplete="current-password"
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        error={fieldErrors.password}
      />
      <div className="pt-actions">
        <Button type="submit" disabled={pending}>
          {pending ? t("auth.submitting") : t("auth.submit")}
        </Button>
        {actions}
      </div>
      {children}
    </form>
  );
}
