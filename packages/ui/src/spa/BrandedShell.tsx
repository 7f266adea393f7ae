import { useTranslation } from "@portico/i18n";
import { type ReactNode, useEffect } from "react";
import { AppShell, Brand } from "../AppShell.js";
import { applyBranding } from "../branding.js";
import { Skeleton } from "../Skeleton.js";
import { PageLoadError, PageLoading } from "./page-states.js";

/** The parts of the app's `public.branding` query the frame reads. */
export interface BrandingQuery {
  isPending: boolean;
  isError: boolean;
  data?: {
    merchant: { name: string };
    branding: { primaryColor: string | null; logoUrl: string | null };
  };
  refetch(): unknown;
}

export interface BrandedShellProps {
  branding: BrandingQuery;
  /** The tab's title, e.g. "Acme billing portal". */
  documentTitle: string;
  /** What the app is, under the brand ("Billing portal"). */
  label: string;
  side?: ReactNode;
  sideFooter?: ReactNode;
  children: ReactNode;
}

/**
 * The merchant-branded frame around every page of either app: its logo and colour, the
 * tab's title, and the loading and error states of the branding itself.
 */
export function BrandedShell({
  branding,
  documentTitle,
  label,
  side,
  sideFooter,
  children,
}: BrandedShellProps) {
  const { t } = useTranslation();
  const primaryColor = branding.data?.branding.primaryColor;
  useEffect(() => {
    if (primaryColor) applyBranding(primaryColor);
  }, [primaryColor]);
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);

  let brand: ReactNode = null;
  let content = children;
  if (branding.isPending) {
    brand = <Skeleton width="12rem" height="2.5rem" />;
    content = <PageLoading />;
  } else if (branding.isError || !branding.data) {
    content = <PageLoadError level={1} onRetry={() => void branding.refetch()} />;
  } else {
    brand = <Brand name={branding.data.merchant.name} logoUrl={branding.data.branding.logoUrl} />;
  }

  return (
    <AppShell
      brand={brand}
      label={label}
      side={side}
      sideFooter={sideFooter}
      skipLinkLabel={t("common.skipToContent")}
    >
      {content}
    </AppShell>
  );
}
