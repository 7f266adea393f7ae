import { useTranslation } from "@portico/i18n";
import { Button, Notice, TextField, errorReason, isSignedOut } from "@portico/ui";
import { PageLoading } from "@portico/ui/spa";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Redirect, useLocation } from "wouter";
import { useAuthErrorText } from "../auth-errors.js";
import { usePortalSession, usePortalSignOut } from "../session.js";
import { trpc } from "../trpc.js";

/**
 * `/mfa`: the second factor after a password or code sign-in, with a TOTP code from the
 * authenticator app or, failing that, one of the recovery codes.
 */
export function MfaChallenge() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const session = usePortalSession();
  const signOut = usePortalSignOut();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const verify = trpc.auth.portal.mfa.verify.useMutation({
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: [["auth"]] });
      queryClient.removeQueries({ queryKey: [["portal"]] });
      navigate("/", { replace: true });
    },
    onError: () => codeRef.current?.select(),
  });

  // Only a session that still owes the second factor belongs here.
  if (session.isPending) return <PageLoading />;
  if (session.isSuccess) return <Redirect to="/" replace />;
  if (isSignedOut(session.error) || errorReason(verify.error) === "SESSION_REQUIRED") {
    return <Redirect to="/login" replace />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = code.trim();
    const bad = recovery ? value.length < 6 : !/^\d{6}$/.test(value.replace(/\s+/g, ""));
    setFieldError(bad ? t(recovery ? "portalAccount.recoveryCodeFormat" : "portalAccount.totpFormat") : null);
    if (bad) return codeRef.current?.focus();
    verify.mutate({ code: value });
  }

  function switchMethod() {
    setRecovery((r) => !r);
    setCode("");
    setFieldError(null);
    verify.reset();
    codeRef.current?.focus();
  }

  const error = verify.isError ? errorText(verify.error, t("auth.failed")) : null;
  return (
    <>
      <h1>{t("portalAccount.mfaTitle")}</h1>
      <p>{t(recovery ? "portalAccount.mfaRecoveryDescription" : "portalAccount.mfaDescription")}</p>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={verify.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <TextField
          ref={codeRef}
          label={t(recovery ? "portalAccount.recoveryCodeLabel" : "portalAccount.totpLabel")}
          name="code"
          autoComplete={recovery ? "off" : "one-time-code"}
          inputMode={recovery ? "text" : "numeric"}
          spellCheck={false}
          autoCapitalize="none"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldError}
        />
        <div className="pt-actions">
          <Button type="submit" disabled={verify.isPending}>
            {verify.isPending ? t("portalAccount.verifying") : t("portalAccount.verify")}
          </Button>
          <Button variant="secondary" onClick={switchMethod}>
            {t(recovery ? "portalAccount.useTotp" : "portalAccount.useRecoveryCode")}
          </Button>
        </div>
      </form>
      <div className="pt-actions pt-section">
        <Button variant="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t("portalAccount.mfaCancel")}
        </Button>
      </div>
    </>
  );
}
