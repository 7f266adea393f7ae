import { useTranslation } from "@portico/i18n";
import { BrandedShell } from "@portico/ui/spa";
import type { ReactNode } from "react";
import { useBranding } from "./use-branding.js";

/** The merchant-branded frame around every page. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const branding = useBranding();
  const merchant = branding.data?.merchant.name;
  return (
    <BrandedShell
      branding={branding}
      documentTitle={merchant ? t("portal.title", { merchant }) : t("portal.label")}
      label={t("portal.label")}
    >
      {children}
    </BrandedShell>
  );
}
