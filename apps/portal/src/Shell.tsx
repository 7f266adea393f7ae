import { useTranslation } from "@portico/i18n";
import { AppShell, Brand, ErrorState, PageSkeleton, Skeleton, applyBranding } from "@portico/ui";
import { type ReactNode, useEffect } from "react";
import { useBranding } from "./use-branding.js";

/** The branded frame around every page, with the loading and error states of the branding. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const branding = useBranding();
  const merchant = branding.data?.merchant.name;
  const primaryColor = branding.data?.branding.primaryColor;

  useEffect(() => {
    if (primaryColor) applyBranding(primaryColor);
  }, [primaryColor]);
  useEffect(() => {
    document.title = merchant ? t("portal.title", { merchant }) : t("portal.label");
  }, [merchant, t]);

  let brand: ReactNode = null;
  let content = children;
  if (branding.isPending) {
    brand = <Skeleton width="12rem" height="2.5rem" />;
    content = <PageSkeleton label={t("common.loading")} />;
  } else if (branding.isError) {
    content = (
      <ErrorState
        level={1}
        title={t("common.errorTitle")}
        description={t("common.errorDescription")}
        retryLabel={t("common.retry")}
        onRetry={() => void branding.refetch()}
      />
    );
  } else {
    brand = <Brand name={branding.data.merchant.name} logoUrl={branding.data.branding.logoUrl} />;
  }

  return (
    <AppShell brand={brand} label={t("portal.label")} skipLinkLabel={t("common.skipToContent")}>
      {content}
    </AppShell>
  );
}
