import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Button, ErrorState, PageSkeleton, isSignedOut } from "@portico/ui";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Redirect, useLocation } from "wouter";
import { trpc } from "./trpc.js";

export type ConsoleIdentity = RouterOutputs["auth"]["console"]["session"];

/** Who is signed in (also while the session still owes MFA); one shared cached query. */
export function useConsoleSession() {
  return trpc.auth.console.session.useQuery(undefined, { retry: (n, error) => !isSignedOut(error) && n < 2 });
}

/** The second factor this session still owes, if any. */
export function pendingMfa(identity: ConsoleIdentity): "enrol" | "challenge" | null {
  if (identity.session.mfaVerified) return null;
  return identity.user.mfaEnabled ? "challenge" : "enrol";
}

export function SignOutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const logout = trpc.auth.console.logout.useMutation({
    onSettled: () => {
      navigate("/login", { replace: true });
      queryClient.removeQueries({ queryKey: [["auth"]] });
      queryClient.removeQueries({ queryKey: [["admin"]] });
    },
  });
  return (
    <Button variant="secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
      {logout.isPending ? t("common.signingOut") : t("common.signOut")}
    </Button>
  );
}

/**
 * Signed-in pages: loading, error with retry, a redirect to sign in without a session and
 * to the MFA page while the session owes a second factor (unless `allowPendingMfa`).
 */
export function RequireSession({
  children,
  allowPendingMfa = false,
}: {
  children: (identity: ConsoleIdentity) => ReactNode;
  allowPendingMfa?: boolean;
}) {
  const { t } = useTranslation();
  const session = useConsoleSession();
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
  const mfa = pendingMfa(session.data);
  if (mfa && !allowPendingMfa) return <Redirect to="/mfa" replace />;
  if (!mfa && allowPendingMfa) return <Redirect to="/" replace />;
  return <>{children(session.data)}</>;
}
