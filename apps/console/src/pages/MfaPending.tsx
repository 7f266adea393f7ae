import { useTranslation } from "@portico/i18n";
import { type ConsoleIdentity, SignOutButton, pendingMfa } from "../session.js";

/**
 * The second factor a session still owes: enrolment (owners without MFA) or the challenge.
 * Placeholder copy until the MFA procedures land; signing out is the way out meanwhile.
 */
export function MfaPending({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  const enrol = pendingMfa(identity) === "enrol";
  return (
    <>
      <h1>{enrol ? t("console.mfaSetupTitle") : t("console.mfaChallengeTitle")}</h1>
      <p>{enrol ? t("console.mfaSetupDescription") : t("console.mfaChallengeDescription")}</p>
      <p>{t("console.mfaSetupPending")}</p>
      <div className="pt-actions">
        <SignOutButton />
      </div>
    </>
  );
}
