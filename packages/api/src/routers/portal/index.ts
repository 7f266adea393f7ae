import { createTRPCRouter } from "../../trpc.js";
import { portalCustomerRouter } from "./customer.js";

/** What the customer portal (and embeds holding a `cst_…` token) call. */
export const portalRouter = createTRPCRouter({
  customer: portalCustomerRouter,
});
