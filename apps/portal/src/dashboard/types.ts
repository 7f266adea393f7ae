import type { RouterOutputs } from "@portico/api";

/** Everything the dashboard shows, in one call (portal.billing.summary). */
export type BillingSummary = RouterOutputs["portal"]["billing"]["summary"];
export type SummaryInvoice = NonNullable<BillingSummary["openInvoices"]>[number];
export type SummaryPayment = NonNullable<BillingSummary["recentPayments"]>[number];
export type SummarySubscription = BillingSummary["subscriptions"][number];
