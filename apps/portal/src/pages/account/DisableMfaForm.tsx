import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { trpc } from "../../trpc.js";

export interface DisableMfaFormProps {
  onDone(): void;
  onCancel(): void;
}

/** Turning two-factor authentication off takes the password and a current (or recovery) code. */
export function DisableMfaForm({ onDone, onCancel }: DisableMfaFormProps) {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const disable = trpc.auth.portal.mfa.disable.useMutation({ onSuccess: onDone });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!password) next.password = t("auth.passwordRequired");
    if (code.trim().length < 6) next.code = t("portalAccount.totpFormat");
    setErrors(next);
    if (next.password) return passwordRef.current?.focus();
    if (next.code) return codeRef.current?.focus();
    disable.mutate({ password, code: code.trim() });
  }

  // A wrong password and a wrong code get the same answer, on purpose.
  let error: string | null = null;
  if (disable.isError) {
    error =
      errorReason(disable.error) === "INVALID_MFA_CODE"
        ? t("portalAccount.mfaDisableInvalid")
        : errorText(disable.error, t("portalAccount.actionFailed"));
  }
  return (
    <form className="pt-form" noValidate onSubmit={submit} aria-busy={disable.isPending}>
      <h3>{t("portalAccount.mfaTurnOff")}</h3>
      <p>{t("portalAccount.mfaTurnOffDescription")}</p>
      <Notice tone="error">{error && <p>{error}</p>}</Notice>
      <TextField
        ref={passwordRef}
        label={t("auth.password")}
        type="password"
        name="password"
        autoComplete="current-password"
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <TextField
        ref={codeRef}
        label={t("portalAccount.totpOrRecoveryLabel")}
        name="code"
        autoComplete="one-time-code"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={errors.code}
      />
      <div className="pt-actions">
        <Button type="submit" disabled={disable.isPending}>
          {disable.isPending ? t("portalAccount.saving") : t("portalAccount.mfaTurnOffSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("portalAccount.cancel")}
        </Button>
      </div>
    </form>
  );
}
