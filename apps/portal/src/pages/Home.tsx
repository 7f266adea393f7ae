import { useTranslation } from "@portico/i18n";
import { EmptyState } from "@portico/ui";
import { useBranding } from "../use-branding.js";

/** Start page. The dashboard replaces the empty state. */
export function Home() {
  const { t } = useTranslation();
  const merchant = useBranding().data?.merchant.name ?? "";
  return (
    <>
      <h1>{t("portal.title", { merchant })}</h1>
      <EmptyState title={t("portal.homeEmptyTitle")} description={t("portal.homeEmptyDescription")} />
    </>
  );
}
