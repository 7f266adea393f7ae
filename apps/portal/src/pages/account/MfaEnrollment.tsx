import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField } from "@portico/ui";
import { type FormEvent, useRef, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { trpc } from "../../trpc.js";

type Enrollment = RouterOutputs["auth"]["portal"]["mfa"]["beginEnrollment"];

export interface MfaEnrollmentProps {
  enrollment: Enrollment;
  onEnrolled(recoveryCodes: string[]): void;
  onCancel(): void;
}

/** The key (QR code drawn by the API, or typed by hand) and the first code that proves it. */
export function MfaEnrollment({ enrollment, onEnrolled, onCancel }: MfaEnrollmentProps) {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const utils = trpc.useUtils();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const confirm = trpc.auth.portal.mfa.confirmEnrollment.useMutation({
    onSuccess: ({ recoveryCodes }) => {
      // The session was replaced by a new, verified one.
      void utils.auth.portal.session.invalidate();
      onEnrolled(recoveryCodes);
    },
    onError: () => codeRef.current?.select(),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, "");
    const bad = !/^\d{6}$/.test(digits);
    setFieldError(bad ? t("portalAccount.totpFormat") : null);
    if (bad) return codeRef.current?.focus();
    confirm.mutate({ code: digits });
  }

  // Groups of four, as authenticator apps show keys.
  const key = enrollment.secret.replace(/(.{4})(?=.)/g, "$1 ");
  const error = confirm.isError ? errorText(confirm.error, t("portalAccount.actionFailed")) : null;
  return (
    <form className="pt-form" noValidate onSubmit={submit} aria-busy={confirm.isPending}>
      <h3>{t("portalAccount.enrolTitle")}</h3>
      <ol className="pt-steps">
        <li>
          <p>{t("portalAccount.enrolScan")}</p>
          <img
            className="pt-qr"
            src={enrollment.qrCode}
            alt={t("portalAccount.enrolQrAlt")}
            width={192}
            height={192}
          />
        </li>
        <li>
          <TextField
            label={t("portalAccount.enrolKey")}
            hint={t("portalAccount.enrolKeyHint")}
            className="pt-field--code"
            readOnly
            spellCheck={false}
            value={key}
            onFocus={(e) => e.target.select()}
          />
        </li>
        <li>
          <Notice tone="error">{error && <p>{error}</p>}</Notice>
          <TextField
            ref={codeRef}
            label={t("portalAccount.totpLabel")}
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={fieldError}
          />
        </li>
      </ol>
      <div className="pt-actions">
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? t("portalAccount.verifying") : t("portalAccount.enrolSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("portalAccount.cancel")}
        </Button>
      </div>
    </form>
  );
}
