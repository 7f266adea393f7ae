import { useTranslation } from "@portico/i18n";
import { errorReason, isSignedOut } from "@portico/ui";
import { PageLoadError, PageLoading, SignOutButton, useSignOut } from "@portico/ui/spa";
import type { ReactNode } from "react";
import { Link, Redirect, useLocation } from "wouter";
import { trpc } from "./trpc.js";
import { useBranding } from "./use-branding.js";

/** The session exists but still owes its second factor (answered FORBIDDEN MFA_REQUIRED). */
export const owesMfa = (error: unknown) => errorReason(error) === "MFA_REQUIRED";

/** Who is signed in; every caller shares the one cached query. */
export function usePortalSession() {
  return trpc.auth.portal.session.useQuery(undefined, {
    retry: (n, error) => !isSignedOut(error) && !owesMfa(error) && n < 2,
  });
}

/** Ends the session server-side, forgets everything cached about it, and goes to sign in. */
export const usePortalSignOut = () => useSignOut(trpc.auth.portal.logout.useMutation, "portal");

const NAV_LINKS = [
  { href: "/", label: "portal.navHome" },
  { href: "/account", label: "portalAccount.navSecurity" },
  { href: "/members", label: "portalAccount.navMembers" },
  { href: "/sessions", label: "portal.navSessions" },
] as const;

function AccountNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const session = usePortalSession().data;
  const merchant = useBranding().data?.merchant.name ?? "";
  const signOut = usePortalSignOut();
  return (
    <div className="pt-actions pt-account-bar">
      <nav className="pt-nav pt-nav--inline" aria-label={t("portal.nav")}>
        <ul>
          {NAV_LINKS.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={location === link.href ? "page" : undefined}>
                {t(link.label)}
              </Link>
            </li>
          ))}
          {session?.returnUrl && (
            <li>
              <a href={session.returnUrl}>{t("portal.backToMerchant", { merchant })}</a>
            </li>
          )}
        </ul>
      </nav>
      <SignOutButton signOut={signOut} />
    </div>
  );
}

/** Protected pages: loading, error with retry, or a redirect to sign in when there is no session. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = usePortalSession();
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    if (isSignedOut(session.error)) return <Redirect to="/login" replace />;
    if (owesMfa(session.error)) return <Redirect to="/mfa" replace />;
    return <PageLoadError level={1} onRetry={() => void session.refetch()} />;
  }
  return (
    <>
      <AccountNav />
      {children}
    </>
  );
}
