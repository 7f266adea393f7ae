import { getPaymentReceiptLink, listPaymentHistory } from "@portico/core";
import { ZPortalListPaymentsInput, ZPortalPaymentRefInput } from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";
import { downloadLinks } from "../integration/documents-links.js";

/**
 * The signed-in customer's payment history: each payment with its invoice number and
 * refunds, and receipts of the ones that went through. Another customer's `py_…` is NOT_FOUND.
 */
export const portalPaymentsRouter = createTRPCRouter({
  /** Newest first, a keyset page at a time; another customer's invoice filter is NOT_FOUND. */
  list: customerProcedure
    .meta({ scope: "invoices:read", feature: "invoiceHistory" })
    .input(ZPortalListPaymentsInput)
    .query(({ ctx, input }) => listPaymentHistory(ctx.em, ctx.scope, input)),

  /** A signed ten-minute link to the receipt PDF; CONFLICT `RECEIPT_UNAVAILABLE` unless it went through. */
  receipt: customerProcedure
    .meta({ scope: "invoices:read", feature: "invoiceHistory" })
    .input(ZPortalPaymentRefInput)
    .query(({ ctx, input }) =>
      getPaymentReceiptLink(ctx.em, ctx.clock, downloadLinks(ctx), ctx.scope, input.payment),
    ),
});
