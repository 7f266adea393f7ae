import { useTranslation } from "@portico/i18n";
import { Button, ErrorState, PageSkeleton, isSignedOut } from "@portico/ui";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, Redirect, useLocation } from "wouter";
import { trpc } from "./trpc.js";
import { useBranding } from "./use-branding.js";

/** Who is signed in; every caller shares the one cached query. */
export function usePortalSession() {
  return trpc.auth.portal.session.useQuery(undefined, { retry: (n, error) => !isSignedOut(error) && n < 2 });
}

/** Ends the session server-side, forgets everything cached about it, and goes to sign in. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const logout = trpc.auth.portal.logout.useMutation({
    onSettled: () => {
      navigate("/login", { replace: true });
      queryClient.removeQueries({ queryKey: [["auth"]] });
      queryClient.removeQueries({ queryKey: [["portal"]] });
    },
  });
  return logout;
}

function SignOutButton() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Button variant="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {signOut.isPending ? t("common.signingOut") : t("common.signOut")}
    </Button>
  );
}

const NAV_LINKS = [
  { href: "/", label: "portal.navHome" },
  { href: "/sessions", label: "portal.navSessions" },
] as const;

function AccountNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const session = usePortalSession().data;
  const merchant = useBranding().data?.merchant.name ?? "";
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
      <SignOutButton />
    </div>
  );
}

/** Protected pages: loading, error with retry, or a redirect to sign in when there is no session. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = usePortalSession();
  if (session.isPending) return <PageSkeleton label={t("common.loading")} />;
  if (session.isError) {
    if (isSignedOut(session.error)) return <Redirect to="/login" replace />;
    return (
      <ErrorState
        level={1}
        title={t("common.errorTitle")}
        description={t("common.errorDescription")}
        retryLabel={t("common.retry")}
        onRetry={() => void session.refetch()}
      />
    );
  }
  return (
    <>
      <AccountNav />
      {children}
    </>
  );
}
