import "../profile/profile.css";
import { useTranslation } from "@portico/i18n";
import { errorReason } from "@portico/ui";
import { QueryState } from "../components/QueryState.js";
import { NotificationsForm } from "../profile/NotificationsForm.js";
import { trpc } from "../trpc.js";

/**
 * `/notifications`: which e-mails the signed-in user gets, or, through a portal link, which
 * ones the account's billing e-mail gets.
 */
export function Notifications() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const preferences = trpc.portal.notifications.get.useQuery(undefined, {
    retry: (n, error) => errorReason(error) === null && n < 2,
  });
  const description = preferences.data?.appliesTo === "account" ? "descriptionAccount" : "descriptionUser";
  return (
    <>
      <h1>{t("portalProfile.notificationsTitle")}</h1>
      {preferences.data ? (
        <>
          <p>{t(`portalProfile.notifications_${description}`)}</p>
          <NotificationsForm
            preferences={preferences.data}
            onSaved={(saved) => utils.portal.notifications.get.setData(undefined, saved)}
          />
        </>
      ) : (
        <QueryState level={2} error={preferences.error} onRetry={() => void preferences.refetch()} />
      )}
    </>
  );
}
