import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { accountErrorMessage } from "../auth-errors.js";
import { trpc } from "../trpc.js";
import { ONE_TIME_CODE_INPUT } from "./code-input.js";

/** The second step of signing in: a code from the app, or one of the recovery codes. */
export function Challenge({ onVerified }: { onVerified: () => Promise<void> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const verify = trpc.auth.console.mfa.verify.useMutation({ onSuccess: onVerified });

  function formError(): string | null {
    if (!verify.isError) return null;
    switch (errorReason(verify.error)) {
      case "INVALID_MFA_CODE":
        return t("consoleAccount.mfaChallengeWrong");
      case "INVALID_INPUT":
        return t("consoleAccount.mfaChallengeFormat");
      default:
        return accountErrorMessage(t, verify.error);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.trim();
    // A TOTP code has 6 digits, a recovery code more: anything shorter is a typo.
    const valid = trimmed.replace(/\s+/g, "").length >= 6;
    setFieldError(valid ? null : t("consoleAccount.mfaChallengeFormat"));
    if (!valid) return codeRef.current?.focus();
    verify.mutate({ code: trimmed });
  }

  const error = formError();
  return (
    <form className="pt-form" noValidate onSubmit={submit} aria-busy={verify.isPending}>
      <Notice tone="error">{error && <p>{error}</p>}</Notice>
      <TextField
        ref={codeRef}
        label={t("consoleAccount.mfaChallengeCode")}
        hint={t("consoleAccount.mfaChallengeHint")}
        name="code"
        {...ONE_TIME_CODE_INPUT}
        inputMode="text"
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError}
      />
      <div className="pt-actions">
        <Button type="submit" disabled={verify.isPending}>
          {verify.isPending ? t("consoleAccount.verifying") : t("consoleAccount.verify")}
        </Button>
      </div>
    </form>
  );
}
