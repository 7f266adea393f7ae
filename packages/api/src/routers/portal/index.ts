import { createTRPCRouter } from "../../trpc.js";
import { portalCustomerRouter } from "./customer.js";
import { portalDocumentsRouter } from "./documents.js";
import { portalMembersRouter } from "./members.js";
import { portalUsageRouter } from "./usage.js";

/** What the customer portal (and embeds holding a `cst_…` token) call. */
export const portalRouter = createTRPCRouter({
  customer: portalCustomerRouter,
  members: portalMembersRouter,
  usage: portalUsageRouter,
  documents: portalDocumentsRouter,
});
