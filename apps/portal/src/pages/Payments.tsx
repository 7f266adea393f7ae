import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function Payments() {
  const { t } = useTranslation();
  return <h1>{t("portal.navPayments")}</h1>;
}
