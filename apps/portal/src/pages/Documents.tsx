import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function Documents() {
  const { t } = useTranslation();
  return <h1>{t("portal.navDocuments")}</h1>;
}
