import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function Notifications() {
  const { t } = useTranslation();
  return <h1>{t("portal.navNotifications")}</h1>;
}
