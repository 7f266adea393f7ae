import { useTranslation } from "@portico/i18n";

/** Placeholder until this screen is built. */
export function Statements() {
  const { t } = useTranslation();
  return <h1>{t("portal.navStatements")}</h1>;
}
