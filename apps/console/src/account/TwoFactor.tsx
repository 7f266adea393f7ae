import { formatDate, useTranslation } from "@portico/i18n";
import { Button, Notice, Skeleton, TextField, errorReason, localeTag } from "@portico/ui";
import { PageLoadError } from "@portico/ui/spa";
import { type FormEvent, useRef, useState } from "react";
import { accountErrorMessage } from "../auth-errors.js";
import { ONE_TIME_CODE_INPUT, totpDigits } from "../mfa/code-input.js";
import { Enrolment } from "../mfa/Enrolment.js";
import { RecoveryCodes } from "../mfa/RecoveryCodes.js";
import { type ConsoleIdentity } from "../session.js";
import { trpc } from "../trpc.js";

type Translate = ReturnType<typeof useTranslation>["t"];

function codeError(t: Translate, error: unknown): string {
  switch (errorReason(error)) {
    case "INVALID_MFA_CODE":
      return t("consoleAccount.mfaCodeWrong");
    case "INVALID_INPUT":
      return t("consoleAccount.mfaCodeFormat");
    case "MFA_MANDATORY":
      return t("consoleAccount.mfaMandatory");
    default:
      return accountErrorMessage(t, error);
  }
}

/** New recovery codes for a current TOTP code; the old ones stop working. */
function RegenerateCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const regenerate = trpc.auth.console.mfa.regenerateRecoveryCodes.useMutation({
    onSuccess: ({ recoveryCodes }) => {
      setCode("");
      onCodes(recoveryCodes);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = totpDigits(code);
    setFieldError(digits ? null : t("consoleAccount.mfaCodeFormat"));
    if (!digits) return codeRef.current?.focus();
    regenerate.mutate({ code: digits });
  }
  const error = regenerate.isError && codeError(t, regenerate.error);
  return (
    <form className="pt-form pt-section" noValidate onSubmit={submit} aria-labelledby="regenerate-title">
      <h3 id="regenerate-title">{t("consoleAccount.recoveryCodesNewTitle")}</h3>
      <p>{t("consoleAccount.recoveryCodesNewDescription")}</p>
      <Notice tone="error">{error && <p>{error}</p>}</Notice>
      <TextField
        ref={codeRef}
        label={t("consoleAccount.mfaCode")}
        name="regenerate-code"
        {...ONE_TIME_CODE_INPUT}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldError}
      />
      <div className="pt-actions">
        <Button type="submit" disabled={regenerate.isPending}>
          {t("consoleAccount.recoveryCodesNewSubmit")}
        </Button>
      </div>
    </form>
  );
}

/** Turning MFA off takes the password and a code (a TOTP or a recovery code). */
function DisableMfa({ onDisabled }: { onDisabled: () => Promise<void> }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ password?: string; code?: string }>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const disable = trpc.auth.console.mfa.disable.useMutation({ onSuccess: onDisabled });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: { password?: string; code?: string } = {};
    if (!password) errors.password = t("auth.passwordRequired");
    if (code.replace(/\s+/g, "").length < 6) errors.code = t("consoleAccount.mfaChallengeFormat");
    setFieldErrors(errors);
    if (errors.password) return passwordRef.current?.focus();
    if (errors.code) return codeRef.current?.focus();
    disable.mutate({ password, code: code.trim() });
  }
  // A wrong password and a wrong code get the same answer from the server, on purpose.
  const error =
    disable.isError &&
    (errorReason(disable.error) === "INVALID_MFA_CODE"
      ? t("consoleAccount.mfaDisableWrong")
      : codeError(t, disable.error));
  return (
    <form className="pt-form pt-section" noValidate onSubmit={submit} aria-labelledby="disable-title">
      <h3 id="disable-title">{t("consoleAccount.mfaDisableTitle")}</h3>
      <p>{t("consoleAccount.mfaDisableDescription")}</p>
      <Notice tone="error">{error && <p>{error}</p>}</Notice>
      <TextField
        ref={passwordRef}
        label={t("auth.password")}
        type="password"
        name="disable-password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
      />
      <TextField
        ref={codeRef}
        label={t("consoleAccount.mfaChallengeCode")}
        hint={t("consoleAccount.mfaChallengeHint")}
        name="disable-code"
        {...ONE_TIME_CODE_INPUT}
        inputMode="text"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fieldErrors.code}
      />
      <div className="pt-actions">
        <Button type="submit" className="pt-button--danger" disabled={disable.isPending}>
          {t("consoleAccount.mfaDisableSubmit")}
        </Button>
      </div>
    </form>
  );
}

/**
 * Two-factor status and its changes: turn on (admin and support; owners enrolled at first
 * sign-in), new recovery codes, turn off (not owners: the server refuses it for them too).
 */
export function TwoFactor({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const status = trpc.auth.console.mfa.status.useQuery();
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Enrolment replaced the session cookie; the status and identity change with it.
  async function refresh(message: string | null) {
    setEnrolling(false);
    setCodes(null);
    setNotice(message);
    await Promise.all([utils.auth.console.mfa.status.invalidate(), utils.auth.console.session.invalidate()]);
  }

  let body;
  if (codes) {
    body = (
      <RecoveryCodes
        codes={codes}
        level={3}
        onDone={() => void refresh(t("consoleAccount.recoveryCodesStored"))}
      />
    );
  } else if (status.isPending) {
    body = <Skeleton height="4rem" />;
  } else if (status.isError) {
    body = <PageLoadError level={3} onRetry={() => void status.refetch()} />;
  } else if (!status.data.enabled) {
    body = enrolling ? (
      <>
        <Enrolment level={3} onEnrolled={setCodes} />
        <div className="pt-actions pt-section">
          <Button variant="secondary" onClick={() => setEnrolling(false)}>
            {t("consoleAccount.cancel")}
          </Button>
        </div>
      </>
    ) : (
      <>
        <p>{t("consoleAccount.mfaOff")}</p>
        <Button
          onClick={() => {
            setNotice(null);
            setEnrolling(true);
          }}
        >
          {t("consoleAccount.mfaEnable")}
        </Button>
      </>
    );
  } else {
    const since = status.data.enabledAt ? formatDate(status.data.enabledAt, localeTag()) : "";
    body = (
      <>
        <p>{t("consoleAccount.mfaOnSince", { date: since })}</p>
        <p>{t("consoleAccount.recoveryCodesLeft", { count: status.data.recoveryCodesRemaining })}</p>
        <RegenerateCodes
          onCodes={(fresh) => {
            setNotice(null);
            setCodes(fresh);
          }}
        />
        {identity.user.role === "owner" ? (
          <p className="pt-section">{t("consoleAccount.mfaMandatory")}</p>
        ) : (
          <DisableMfa onDisabled={() => refresh(t("consoleAccount.mfaDisabled"))} />
        )}
      </>
    );
  }

  return (
    <section className="pt-section" aria-labelledby="mfa-title">
      <h2 id="mfa-title">{t("consoleAccount.mfaTitle")}</h2>
      <Notice tone="success">{notice && <p>{notice}</p>}</Notice>
      {body}
    </section>
  );
}
