import { useTranslation } from "@portico/i18n";
import { isSignedOut } from "@portico/ui";
import { PageLoadError, PageLoading, SignOutButton } from "@portico/ui/spa";
import { useState } from "react";
import { Redirect, useLocation } from "wouter";
import { Challenge } from "../mfa/Challenge.js";
import { Enrolment } from "../mfa/Enrolment.js";
import { RecoveryCodes } from "../mfa/RecoveryCodes.js";
import { pendingMfa, useConsoleSession, useConsoleSignOut } from "../session.js";
import { trpc } from "../trpc.js";

/**
 * The second factor a session still owes: forced enrolment (owners without MFA) or the
 * challenge. Not wrapped in RequireSession: after enrolment the session is verified, yet the
 * recovery codes must stay on screen until the user says they are saved.
 */
export function Mfa() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const session = useConsoleSession();
  const signOut = useConsoleSignOut();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  // The cookie now holds a new, verified session: read it before leaving, or "/" sends us back.
  async function signedIn() {
    await utils.auth.console.session.invalidate();
    navigate("/", { replace: true });
  }

  if (recoveryCodes) {
    return (
      <>
        <h1>{t("consoleAccount.mfaEnabledTitle")}</h1>
        <RecoveryCodes codes={recoveryCodes} level={2} onDone={() => void signedIn()} />
      </>
    );
  }
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    if (isSignedOut(session.error)) return <Redirect to="/login" replace />;
    return <PageLoadError level={1} onRetry={() => void session.refetch()} />;
  }
  const owed = pendingMfa(session.data);
  if (!owed) return <Redirect to="/" replace />;
  return (
    <>
      <h1>{owed === "enrol" ? t("console.mfaSetupTitle") : t("console.mfaChallengeTitle")}</h1>
      <p>{owed === "enrol" ? t("console.mfaSetupDescription") : t("console.mfaChallengeDescription")}</p>
      {owed === "enrol" ? (
        <Enrolment level={2} onEnrolled={setRecoveryCodes} />
      ) : (
        <Challenge onVerified={signedIn} />
      )}
      <div className="pt-actions pt-section">
        <p>{t("consoleAccount.mfaSignOutHint", { email: session.data.user.email })}</p>
        <SignOutButton signOut={signOut} />
      </div>
    </>
  );
}
