import {
  getInvoice,
  listInvoices,
  mapPage,
  payCustomerInvoice,
  toInvoiceDto,
  toInvoicePaymentDto,
  toInvoiceSummaryDto,
} from "@portico/core";
import {
  ZPortalInvoiceRefInput,
  ZPortalListInvoicesInput,
  ZPortalPayInvoiceInput,
} from "@portico/validators";
import { customerProcedure } from "../../procedures/customer.js";
import { createTRPCRouter } from "../../trpc.js";
import { portalUserActor } from "./portal-user-actor.js";

/**
 * The signed-in customer's invoices, drafts never shown: another customer's `in_…` (or a
 * draft) is NOT_FOUND.
 */
export const portalInvoicesRouter = createTRPCRouter({
  /** Newest first, a keyset page at a time; `overdue` is open and past its due date. */
  list: customerProcedure
    .meta({ scope: "invoices:read", feature: "invoiceHistory" })
    .input(ZPortalListInvoicesInput)
    .query(async ({ ctx, input }) => {
      const now = ctx.clock.now();
      const page = await listInvoices(ctx.em, ctx.scope, { ...input, now, excludeDrafts: true });
      return mapPage(page, (invoice) => toInvoiceSummaryDto(invoice, now));
    }),

  /** With its lines and every payment attempt. */
  get: customerProcedure
    .meta({ scope: "invoices:read", feature: "invoiceHistory" })
    .input(ZPortalInvoiceRefInput)
    .query(async ({ ctx, input }) => {
      const { invoice, payments } = await getInvoice(ctx.em, ctx.scope, input.invoice, {
        excludeDrafts: true,
      });
      return toInvoiceDto(invoice, payments, ctx.clock.now());
    }),

  /**
   * Charges money, so a token needs `payment_methods:write` (no token scope is narrower).
   * Once per idempotency key; a paid invoice is CONFLICT `PAYMENT_ALREADY_PROCESSED`.
   */
  pay: customerProcedure
    .meta({ scope: "payment_methods:write", feature: "invoiceHistory" })
    .input(ZPortalPayInvoiceInput)
    .mutation(async ({ ctx, input }) =>
      toInvoicePaymentDto(
        await payCustomerInvoice(ctx.em, ctx.clock, {
          ...input,
          actor: portalUserActor(ctx),
          partialPayments: ctx.portal.features.partialPayments,
        }),
        ctx.clock.now(),
      ),
    ),
});
