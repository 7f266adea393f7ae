import { useTranslation } from "@portico/i18n";
import { Button, ErrorState, Notice, Spinner, TextField, errorReason } from "@portico/ui";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { accountErrorMessage } from "../auth-errors.js";
import { CopyButton } from "../components/CopyButton.js";
import { trpc } from "../trpc.js";
import { ONE_TIME_CODE_INPUT, totpDigits } from "./code-input.js";

/** "ABCD EFGH …": the key in groups of four, easier to read and type. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

/**
 * TOTP enrolment: a new key drawn as a QR code (by the server's QR library) and written out
 * for typing by hand, confirmed by a first code from the app. Gives the recovery codes to
 * `onEnrolled`; the session cookie has by then been replaced by a verified one.
 */
export function Enrolment({
  level,
  onEnrolled,
}: {
  /** Heading level of the two steps, to fit the page's outline. */
  level: 2 | 3;
  onEnrolled: (recoveryCodes: string[]) => void;
}) {
  const { t } = useTranslation();
  const Heading = `h${level}` as const;
  const begin = trpc.auth.console.mfa.beginEnrollment.useMutation();
  const confirm = trpc.auth.console.mfa.confirmEnrollment.useMutation({
    onSuccess: ({ recoveryCodes }) => onEnrolled(recoveryCodes),
  });
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const ids = { scan: useId(), key: useId(), confirm: useId() };

  // One key per visit: a second begin would replace the key the user is scanning.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    begin.mutate();
  }, [begin]);

  if (begin.isError) {
    return (
      <ErrorState
        level={level}
        title={t("consoleAccount.mfaStartFailed")}
        description={t("common.errorDescription")}
        retryLabel={t("common.retry")}
        onRetry={() => begin.mutate()}
      />
    );
  }
  if (!begin.data) return <Spinner label={t("common.loading")} />;
  const enrollment = begin.data;

  function formError(): string | null {
    if (!confirm.isError) return null;
    switch (errorReason(confirm.error)) {
      case "INVALID_MFA_CODE":
        return t("consoleAccount.mfaCodeWrong");
      case "INVALID_INPUT":
        return t("consoleAccount.mfaCodeFormat");
      default:
        return accountErrorMessage(t, confirm.error);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = totpDigits(code);
    setFieldError(digits ? null : t("consoleAccount.mfaCodeFormat"));
    if (!digits) return codeRef.current?.focus();
    confirm.mutate({ code: digits });
  }

  const error = formError();
  return (
    <div className="pt-mfa-steps">
      <section aria-labelledby={ids.scan}>
        <Heading id={ids.scan}>{t("consoleAccount.mfaScanTitle")}</Heading>
        <p>{t("consoleAccount.mfaScanDescription")}</p>
        <img className="pt-qr" src={enrollment.qrCode} alt={t("consoleAccount.mfaQrAlt")} />
        <p id={ids.key}>{t("consoleAccount.mfaManualKey")}</p>
        <div className="pt-actions">
          <code className="pt-secret" aria-labelledby={ids.key}>
            {grouped(enrollment.secret)}
          </code>
          <CopyButton
            text={enrollment.secret}
            label={t("consoleAccount.mfaCopyKey")}
            copiedLabel={t("consoleAccount.copied")}
          />
        </div>
      </section>
      <section aria-labelledby={ids.confirm}>
        <Heading id={ids.confirm}>{t("consoleAccount.mfaConfirmTitle")}</Heading>
        <form className="pt-form" noValidate onSubmit={submit} aria-busy={confirm.isPending}>
          <Notice tone="error">{error && <p>{error}</p>}</Notice>
          <TextField
            ref={codeRef}
            label={t("consoleAccount.mfaCode")}
            hint={t("consoleAccount.mfaConfirmHint")}
            name="code"
            {...ONE_TIME_CODE_INPUT}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={fieldError}
          />
          <div className="pt-actions">
            <Button type="submit" disabled={confirm.isPending}>
              {confirm.isPending ? t("consoleAccount.verifying") : t("consoleAccount.mfaTurnOn")}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
