import { useTranslation } from "@portico/i18n";
import { ShortcutsHelp } from "@portico/ui";
import { BrandedShell } from "@portico/ui/spa";
import type { ReactNode } from "react";
import { Nav } from "./Nav.js";
import { useSignedIn } from "./session.js";
import { useBranding } from "./use-branding.js";

/** The privacy policy and terms of service the configuration links to, if any. */
function LegalLinks() {
  const { t } = useTranslation();
  const branding = useBranding().data?.branding;
  const links: { href: string; label: string }[] = [];
  if (branding?.privacyPolicyUrl)
    links.push({ href: branding.privacyPolicyUrl, label: t("portal.privacyPolicy") });
  if (branding?.termsOfServiceUrl)
    links.push({ href: branding.termsOfServiceUrl, label: t("portal.termsOfService") });
  if (links.length === 0) return null;
  return (
    <nav className="pt-portal-legal" aria-label={t("portal.legal")}>
      {links.map((link) => (
        <a key={link.href} href={link.href} rel="noopener" target="_blank">
          {link.label}
        </a>
      ))}
    </nav>
  );
}

/** The merchant-branded frame around every page, with the navigation once signed in. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const branding = useBranding();
  const merchant = branding.data?.merchant.name;
  const signedIn = useSignedIn();
  const headline = branding.data?.branding.headline;
  return (
    <BrandedShell
      branding={branding}
      documentTitle={merchant ? t("portal.title", { merchant }) : t("portal.label")}
      label={headline ?? t("portal.label")}
      side={signedIn && <Nav />}
      sideFooter={<LegalLinks />}
    >
      {children}
      {signedIn && <ShortcutsHelp />}
    </BrandedShell>
  );
}
