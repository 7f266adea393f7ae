import { useTranslation } from "@portico/i18n";
import { BrandedShell } from "@portico/ui/spa";
import type { ReactNode } from "react";
import { Nav } from "./Nav.js";
import { pendingMfa, useConsoleSession, useSessionEndWatcher } from "./session.js";
import { trpc } from "./trpc.js";
import { useBranding } from "./use-branding.js";

/** The merchant-branded frame around every page, with the navigation once signed in. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const branding = useBranding();
  const merchant = branding.data?.merchant.name;
  const version = trpc.system.health.useQuery().data?.version;
  useSessionEndWatcher();
  // The navigation appears once the user is fully signed in (second factor passed).
  const session = useConsoleSession();
  const signedIn = session.isSuccess && !pendingMfa(session.data) ? session.data : null;
  return (
    <BrandedShell
      branding={branding}
      documentTitle={merchant ? t("console.title", { merchant }) : t("console.label")}
      label={t("console.label")}
      side={signedIn && <Nav identity={signedIn} />}
      sideFooter={version && t("console.version", { version })}
    >
      {children}
    </BrandedShell>
  );
}
