import { useTranslation } from "@portico/i18n";
import { SignOutButton } from "@portico/ui/spa";
import { Link, useLocation } from "wouter";
import { type PortalFeatures, usePortalFeatures } from "./features.js";
import { usePortalSession, usePortalSignOut } from "./session.js";
import { useBranding } from "./use-branding.js";

/** A section of the side panel; `feature` must be on in the configuration for it to show. */
const link = <L extends string>(href: string, label: L, feature: keyof PortalFeatures | null = null) => ({
  href,
  label,
  feature,
});

const BILLING_LINKS = [
  link("/", "portal.navHome"),
  link("/invoices", "portal.navInvoices", "invoiceHistory"),
  link("/payments", "portal.navPayments", "invoiceHistory"),
  link("/payment-methods", "portal.navPaymentMethods"),
  link("/statements", "portal.navStatements", "statements"),
  link("/documents", "portal.navDocuments", "documents"),
] as const;

const ACCOUNT_LINKS = [
  link("/billing-details", "portal.navBillingDetails", "customerUpdate"),
  link("/notifications", "portal.navNotifications", "notifications"),
  link("/members", "portalAccount.navMembers"),
  link("/account", "portalAccount.navSecurity"),
  link("/sessions", "portal.navSessions"),
] as const;

type NavLink = (typeof BILLING_LINKS)[number] | (typeof ACCOUNT_LINKS)[number];

/** `/invoices/in_…` keeps "Invoices" current; "/" matches only itself. */
const isCurrent = (location: string, href: string) =>
  href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`);

function LinkList({ label, links }: { label: string; links: readonly NavLink[] }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const features = usePortalFeatures();
  // Until the configuration loads, gated sections stay hidden rather than flash in and out.
  const shown = links.filter(({ feature }) => !feature || features?.[feature].enabled === true);
  return (
    <nav className="pt-nav" aria-label={label}>
      <ul>
        {shown.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} aria-current={isCurrent(location, href) ? "page" : undefined}>
              {t(label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The side panel of a signed-in customer: billing and account sections, way back, sign out. */
export function Nav() {
  const { t } = useTranslation();
  const session = usePortalSession().data;
  const merchant = useBranding().data?.merchant.name ?? "";
  const signOut = usePortalSignOut();
  return (
    <div className="pt-portal-nav">
      {session?.returnUrl && (
        <a className="pt-portal-nav__back" href={session.returnUrl}>
          {t("portal.backToMerchant", { merchant })}
        </a>
      )}
      <LinkList label={t("portal.navBilling")} links={BILLING_LINKS} />
      <LinkList label={t("portal.nav")} links={ACCOUNT_LINKS} />
      <SignOutButton signOut={signOut} />
    </div>
  );
}
