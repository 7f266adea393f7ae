import { useTranslation } from "@portico/i18n";
import { SignOutButton } from "@portico/ui/spa";
import { useEffect, useId, useState } from "react";
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

/**
 * The side panel of a signed-in customer: the way back to the merchant, billing and account
 * sections, sign out. On narrow screens the sections fold behind a "Menu" button, so a page
 * opens on its content; following a link folds them again.
 */
export function Nav() {
  const { t } = useTranslation();
  const session = usePortalSession().data;
  const merchant = useBranding().data?.merchant.name ?? "";
  const signOut = usePortalSignOut();
  const [location] = useLocation();
  const [open, setOpen] = useState(false);
  const sectionsId = useId();
  useEffect(() => setOpen(false), [location]);
  return (
    <div className="pt-portal-nav">
      {session?.returnUrl && (
        <a className="pt-portal-nav__back" href={session.returnUrl}>
          {t("portal.backToMerchant", { merchant })}
        </a>
      )}
      <button
        type="button"
        className="pt-button pt-button--secondary pt-portal-nav__toggle"
        aria-expanded={open}
        aria-controls={sectionsId}
        onClick={() => setOpen((value) => !value)}
      >
        {t("portal.menu")}
      </button>
      <div id={sectionsId} className="pt-portal-nav__sections" data-open={open || undefined}>
        <LinkList label={t("portal.navBilling")} links={BILLING_LINKS} />
        <LinkList label={t("portal.nav")} links={ACCOUNT_LINKS} />
        <SignOutButton signOut={signOut} />
      </div>
    </div>
  );
}
