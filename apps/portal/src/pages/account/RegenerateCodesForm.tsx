import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { trpc } from "../../trpc.js";

export interface RegenerateCodesFormProps {
  onDone(recoveryCodes: string[]): void;
  onCancel(): void;
}

/** Ten new recovery codes for a current code from the app; the old ones stop working. */
export function RegenerateCodesForm({ onDone, onCancel }: RegenerateCodesFormProps) {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const regenerate = trpc.auth.portal.mfa.regenerateRecoveryCodes.useMutation({
    onSuccess: ({ recoveryCodes }) => onDone(recoveryCodes),
    onError: () => codeRef.current?.select(),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, "");
    const bad = !/^\d{6}$/.test(digits);
    setFieldError(bad ? t("portalAccount.totpFormat") : null);
    if (bad) return codeRef.current?.focus();
    regenerate.mutate({ code: digits });
  }

  const error = regenerate.isError ? errorText(regenerate.error, t("portalAccount.actionFailed")) : null;
  return (
    <form className="pt-form" noValidate onSubmit={submit} aria-busy={regenerate.isPending}>
      <h3>{t("portalAccount.recoveryCodesRegenerate")}</h3>
      <p>{t("portalAccount.recoveryCodesRegenerateDescription")}</p>
      <Notice tone="error">{error && <p>{error}</p>}</Notice>
      <TextField
        ref={codeRef}
        label={t("portalAccount.totpLabel")}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        spellCheck={false}
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError}
      />
      <div className="pt-actions">
        <Button type="submit" disabled={regenerate.isPending}>
          {regenerate.isPending
            ? t("portalAccount.verifying")
            : t("portalAccount.recoveryCodesRegenerateSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("portalAccount.cancel")}
        </Button>
      </div>
    </form>
  );
}
