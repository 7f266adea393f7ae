import { createTRPCRouter } from "../../trpc.js";
import { portalBillingRouter } from "./billing.js";
import { portalConfigurationRouter } from "./configuration.js";
import { portalCustomerRouter } from "./customer.js";
import { portalDocumentsRouter } from "./documents.js";
import { portalInvoicesRouter } from "./invoices.js";
import { portalMembersRouter } from "./members.js";
import { portalNotificationsRouter } from "./notifications.js";
import { portalPaymentMethodsRouter } from "./payment-methods.js";
import { portalPaymentsRouter } from "./payments.js";
import { portalProfileRouter } from "./profile.js";
import { portalUsageRouter } from "./usage.js";

/** What the customer portal (and embeds holding a `cst_…` token) call. */
export const portalRouter = createTRPCRouter({
  customer: portalCustomerRouter,
  configuration: portalConfigurationRouter,
  members: portalMembersRouter,
  usage: portalUsageRouter,
  documents: portalDocumentsRouter,
  invoices: portalInvoicesRouter,
  payments: portalPaymentsRouter,
  paymentMethods: portalPaymentMethodsRouter,
  billing: portalBillingRouter,
  profile: portalProfileRouter,
  notifications: portalNotificationsRouter,
});
