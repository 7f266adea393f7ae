import { useTranslation } from "@portico/i18n";
import { EmptyState, errorReason } from "@portico/ui";
import { PageLoadError, PageLoading } from "@portico/ui/spa";

/**
 * What a page shows while its query loads or after it failed: the loading skeleton, the
 * permission-denied state for a role that may not see it, or an error with Retry.
 */
export function QueryState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  // Without a session, useSessionEndWatcher is already re-checking it: sign-in comes next.
  if (!error || errorReason(error) === "SESSION_REQUIRED") return <PageLoading />;
  if (errorReason(error) === "ROLE_NOT_ALLOWED") return <PermissionDenied />;
  return <PageLoadError onRetry={onRetry} />;
}

export function PermissionDenied() {
  const { t } = useTranslation();
  return <EmptyState title={t("common.forbiddenTitle")} description={t("consoleAccount.forbidden")} />;
}
