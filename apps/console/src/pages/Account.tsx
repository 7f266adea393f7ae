import { useTranslation } from "@portico/i18n";
import { ChangePassword } from "../account/ChangePassword.js";
import { TwoFactor } from "../account/TwoFactor.js";
import { roleLabel } from "../roles.js";
import { type ConsoleIdentity } from "../session.js";

/** The signed-in user's own account: who they are, password, two-factor authentication. */
export function Account({ identity }: { identity: ConsoleIdentity }) {
  const { t } = useTranslation();
  const { user } = identity;
  return (
    <>
      <h1>{t("consoleAccount.accountTitle")}</h1>
      <dl className="pt-summary">
        <dt>{t("consoleAccount.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("consoleAccount.role")}</dt>
        <dd>{roleLabel(t, user.role)}</dd>
      </dl>
      <ChangePassword />
      <TwoFactor identity={identity} />
    </>
  );
}
