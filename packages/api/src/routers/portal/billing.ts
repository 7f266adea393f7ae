import { getBillingSummary } from "@portico/core";
import { customerProcedure, scopeAllows } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";

/** The signed-in customer's billing overview. */
export const portalBillingRouter = createTRPCRouter({
  /**
   * The dashboard in one call: balance and credit, amount due, next charge, open invoices,
   * plan, payments. The invoice and payment lists are left out (null) unless the caller could
   * read them through `portal.invoices` and `portal.payments`: invoice history on, and a
   * token or member with `invoices:read`.
   */
  summary: customerProcedure.meta({ scope: "customer:read" }).query(({ ctx }) =>
    getBillingSummary(ctx.em, ctx.clock, ctx.scope, {
      invoiceHistory: ctx.portal.features.invoiceHistory.enabled && scopeAllows(ctx.scope, "invoices:read"),
    }),
  ),
});
