import type { RouterOutputs } from "@portico/api";
import { errorReason, isSignedOut } from "@portico/ui";
import { PageLoadError, PageLoading, useSignOut } from "@portico/ui/spa";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { Redirect } from "wouter";
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

/** Ends the session server-side, forgets everything cached about it, and goes to sign in. */
export const useConsoleSignOut = () => useSignOut(trpc.auth.console.logout.useMutation, "admin");

const SESSION_PATH = "auth.console.session";
const pathOf = (queryKey: readonly unknown[]) =>
  Array.isArray(queryKey[0]) ? (queryKey[0] as unknown[]).join(".") : "";

/**
 * When any call is refused for want of a session (signed out elsewhere, expired, revoked),
 * asks the server again who is signed in: the answer, none, sends the page to sign in.
 */
export function useSessionEndWatcher() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  useEffect(() => {
    const recheck = (error: unknown) => {
      if (errorReason(error) === "SESSION_REQUIRED" && utils.auth.console.session.getData()) {
        void utils.auth.console.session.refetch();
      }
    };
    const queries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "error") return;
      // The session query failing is the answer itself, not a reason to ask again.
      if (pathOf(event.query.queryKey) !== SESSION_PATH) recheck(event.action.error);
    });
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") recheck(event.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [queryClient, utils]);
}

/**
 * Signed-in pages: loading, error with retry, a redirect to sign in without a session and
 * to the MFA page while the session owes a second factor.
 */
export function RequireSession({ children }: { children: (identity: ConsoleIdentity) => ReactNode }) {
  const session = useConsoleSession();
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    if (isSignedOut(session.error)) return <Redirect to="/login" replace />;
    return <PageLoadError level={1} onRetry={() => void session.refetch()} />;
  }
  if (pendingMfa(session.data)) return <Redirect to="/mfa" replace />;
  return <>{children(session.data)}</>;
}
