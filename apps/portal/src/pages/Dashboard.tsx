import "../dashboard/dashboard.css";
import { useTranslation } from "@portico/i18n";
import { QueryState } from "../components/QueryState.js";
import { AccountSummary } from "../dashboard/AccountSummary.js";
import { DashboardSkeleton } from "../dashboard/DashboardSkeleton.js";
import { OpenInvoices } from "../dashboard/OpenInvoices.js";
import { PlanSummary } from "../dashboard/PlanSummary.js";
import { RecentPayments } from "../dashboard/RecentPayments.js";
import { usePortalFeatures } from "../features.js";
import { trpc } from "../trpc.js";

/**
 * The signed-in customer's start page: what is due and when the next charge comes, the
 * invoices to pay, the current plan and the latest payments. Invoice and payment sections
 * show only where invoice history is on (the server then leaves them out too).
 */
export function Dashboard() {
  const { t } = useTranslation();
  const summary = trpc.portal.billing.summary.useQuery();
  const invoiceHistory = usePortalFeatures()?.invoiceHistory.enabled !== false;
  if (summary.isPending) return <DashboardSkeleton />;
  if (summary.isError) return <QueryState error={summary.error} onRetry={() => void summary.refetch()} />;
  const { customer, openInvoices, openInvoiceCount, subscriptions, recentPayments } = summary.data;
  return (
    <>
      <h1>{t("portal.welcome", { name: customer.name })}</h1>
      <AccountSummary summary={summary.data} />
      {invoiceHistory && openInvoices && <OpenInvoices invoices={openInvoices} total={openInvoiceCount} />}
      {subscriptions.length > 0 && <PlanSummary subscriptions={subscriptions} />}
      {invoiceHistory && recentPayments && <RecentPayments payments={recentPayments} />}
    </>
  );
}
