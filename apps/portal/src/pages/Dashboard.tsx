import { useTranslation } from "@portico/i18n";
import { EmptyState, isSignedOut } from "@portico/ui";
import { PageLoadError, PageLoading } from "@portico/ui/spa";
import { Redirect } from "wouter";
import { trpc } from "../trpc.js";

/** The signed-in customer's start page. Billing sections replace the empty state. */
export function Dashboard() {
  const { t } = useTranslation();
  const customer = trpc.portal.customer.get.useQuery();
  if (customer.isPending) return <PageLoading />;
  if (customer.isError) {
    // The session ended (expired, or signed out elsewhere) since it was checked.
    if (isSignedOut(customer.error)) return <Redirect to="/login" replace />;
    return <PageLoadError level={1} onRetry={() => void customer.refetch()} />;
  }
  return (
    <>
      <h1>{t("portal.welcome", { name: customer.data.name })}</h1>
      <EmptyState title={t("portal.homeEmptyTitle")} description={t("portal.homeEmptyDescription")} />
    </>
  );
}
