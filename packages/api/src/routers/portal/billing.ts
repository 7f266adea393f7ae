import { getBillingSummary } from "@portico/core";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";

/** The signed-in customer's billing overview. */
export const portalBillingRouter = createTRPCRouter({
  /** The dashboard in one call: balance and credit, amount due, next charge, open invoices, plan, payments. */
  summary: customerProcedure
    .meta({ scope: "customer:read" })
    .query(({ ctx }) => getBillingSummary(ctx.em, ctx.clock, ctx.scope)),
});
