import { useTranslation } from "@portico/i18n";
import { Link } from "wouter";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("common.notFoundTitle")}</h1>
      <p>{t("common.notFoundDescription")}</p>
      <Link href="/">{t("common.backHome")}</Link>
    </>
  );
}
