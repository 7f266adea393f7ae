import { useTranslation } from "@portico/i18n";
import { SignInWithOwnAccount } from "../components/SignInWithOwnAccount.js";
import { usePortalSession } from "../session.js";
import { ChangePasswordForm } from "./account/ChangePasswordForm.js";
import { TwoFactorSection } from "./account/TwoFactorSection.js";

/** `/account`: the signed-in user's password and two-factor authentication. */
export function Account() {
  const { t } = useTranslation();
  const user = usePortalSession().data?.user;
  return (
    <>
      <h1>{t("portalAccount.securityTitle")}</h1>
      <p>{t("portalAccount.securityDescription")}</p>
      {user ? (
        <>
          <ChangePasswordForm />
          <TwoFactorSection />
        </>
      ) : (
        <SignInWithOwnAccount description={t("portalAccount.securityForbidden")} />
      )}
    </>
  );
}
