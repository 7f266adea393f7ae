import { listPayments, mapPage, toPaymentDto } from "@portico/core";
import { ZPortalListPaymentsInput } from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";

/** The signed-in customer's payment history, with the amount refunded of each. */
export const portalPaymentsRouter = createTRPCRouter({
  /** Newest first, a keyset page at a time; another customer's invoice filter is NOT_FOUND. */
  list: customerProcedure
    .meta({ scope: "invoices:read", feature: "invoiceHistory" })
    .input(ZPortalListPaymentsInput)
    .query(async ({ ctx, input }) => mapPage(await listPayments(ctx.em, ctx.scope, input), toPaymentDto)),
});
