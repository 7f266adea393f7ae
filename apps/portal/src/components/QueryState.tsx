import { useTranslation } from "@portico/i18n";
import { EmptyState, errorReason, isSignedOut } from "@portico/ui";
import { PageLoadError, PageLoading } from "@portico/ui/spa";
import { Redirect } from "wouter";
import { useBranding } from "../use-branding.js";

/** FORBIDDEN reasons that mean "not for you here", as opposed to "sign in again". */
const DENIED = new Set([
  "FEATURE_DISABLED",
  "SCOPE_MISSING",
  "PERMISSION_MISSING",
  "ROLE_NOT_ALLOWED",
  "CUSTOMER_ADMIN_REQUIRED",
  "USER_SESSION_REQUIRED",
]);

export interface QueryStateProps {
  /** The failed query's error; none while it loads. */
  error: unknown;
  onRetry: () => void;
  /** Heading level of the error and permission-denied messages (1 when they are the page). */
  level?: 1 | 2 | 3;
}

/**
 * What a page (or a section) shows while its query loads or after it failed: the skeleton;
 * sign-in again when the session ended; "not available" when the merchant turned the
 * section off (FEATURE_DISABLED) or the signed-in member may not see it; else an error
 * with Retry.
 */
export function QueryState({ error, onRetry, level = 1 }: QueryStateProps) {
  if (!error) return <PageLoading />;
  if (isSignedOut(error)) return <Redirect to="/login" replace />;
  if (DENIED.has(errorReason(error) ?? "")) return <PermissionDenied level={level} />;
  return <PageLoadError level={level} onRetry={onRetry} />;
}

/** This part of the portal is off for this customer, or not for this member. */
export function PermissionDenied({ level = 1 }: { level?: 1 | 2 | 3 }) {
  const { t } = useTranslation();
  const merchant = useBranding().data?.merchant.name ?? "";
  return (
    <EmptyState
      level={level}
      title={t("common.forbiddenTitle")}
      description={t("portal.forbiddenDescription", { merchant })}
    />
  );
}
