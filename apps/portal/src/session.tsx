import { errorReason, isSignedOut } from "@portico/ui";
import { PageLoadError, PageLoading, useSignOut } from "@portico/ui/spa";
import { useQueryClient } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { type ReactNode, useSyncExternalStore } from "react";
import { Redirect } from "wouter";
import { trpc } from "./trpc.js";

/** The session exists but still owes its second factor (answered FORBIDDEN MFA_REQUIRED). */
export const owesMfa = (error: unknown) => errorReason(error) === "MFA_REQUIRED";

/** Who is signed in; every caller shares the one cached query. */
export function usePortalSession() {
  return trpc.auth.portal.session.useQuery(undefined, {
    retry: (n, error) => !isSignedOut(error) && !owesMfa(error) && n < 2,
  });
}

/**
 * Whether a signed-in session is cached now. Read from the cache rather than through an
 * observer: sign-in and sign-out drop the cached session, and an observer mounted before
 * (the frame's) would keep watching the dropped query.
 */
export function useSignedIn(): boolean {
  const queryClient = useQueryClient();
  const key = getQueryKey(trpc.auth.portal.session, undefined, "query");
  return useSyncExternalStore(
    (onChange) => queryClient.getQueryCache().subscribe(onChange),
    () => queryClient.getQueryState(key)?.status === "success",
  );
}

/** Ends the session server-side, forgets everything cached about it, and goes to sign in. */
export const usePortalSignOut = () => useSignOut(trpc.auth.portal.logout.useMutation, "portal");

/** Protected pages: loading, error with retry, or a redirect to sign in when there is no session. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = usePortalSession();
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    if (isSignedOut(session.error)) return <Redirect to="/login" replace />;
    if (owesMfa(session.error)) return <Redirect to="/mfa" replace />;
    return <PageLoadError level={1} onRetry={() => void session.refetch()} />;
  }
  return children;
}
