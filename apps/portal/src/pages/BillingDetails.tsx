import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function BillingDetails() {
  const { t } = useTranslation();
  return <h1>{t("portal.navBillingDetails")}</h1>;
}
