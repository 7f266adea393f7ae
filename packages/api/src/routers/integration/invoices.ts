import {
  getInvoice,
  issueCreditNote,
  listInvoices,
  mapPage,
  payInvoice,
  toInvoiceDto,
  toInvoicePaymentDto,
  toInvoiceSummaryDto,
  voidInvoiceInScope,
} from "@portico/core";
import {
  ZInvoiceRefInput,
  ZIssueCreditNoteInput,
  ZListInvoicesInput,
  ZPayInvoiceInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Invoices of the API key's merchant: list, read with lines and payments, pay, void. */
export const invoicesRouter = createTRPCRouter({
  list: integrationProcedure.input(ZListInvoicesInput).query(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    return mapPage(await listInvoices(ctx.em, integrationActor(ctx), input), (invoice) =>
      toInvoiceSummaryDto(invoice, now),
    );
  }),

  get: integrationProcedure.input(ZInvoiceRefInput).query(async ({ ctx, input }) => {
    const { invoice, payments } = await getInvoice(ctx.em, integrationActor(ctx), input.invoice);
    return toInvoiceDto(invoice, payments, ctx.clock.now());
  }),

  /**
   * Wallet credits first, then the method; once per idempotency key. The merchant's backend
   * may pay part of an invoice (`amount`).
   */
  pay: integrationProcedure
    .input(ZPayInvoiceInput)
    .mutation(async ({ ctx, input }) =>
      toInvoicePaymentDto(
        await payInvoice(ctx.em, ctx.clock, { ...input, actor: integrationActor(ctx), allowPartial: true }),
        ctx.clock.now(),
      ),
    ),

  void: integrationProcedure.input(ZInvoiceRefInput).mutation(async ({ ctx, input }) => {
    const { invoice, payments } = await voidInvoiceInScope(
      ctx.em,
      ctx.clock,
      integrationActor(ctx),
      input.invoice,
    );
    return toInvoiceDto(invoice, payments, ctx.clock.now());
  }),

  /** Lowers what an unpaid invoice asks for; paid money goes back through payments.refund. */
  creditNote: integrationProcedure.input(ZIssueCreditNoteInput).mutation(async ({ ctx, input }) => {
    const { creditNote, invoice, payments } = await issueCreditNote(
      ctx.em,
      ctx.clock,
      integrationActor(ctx),
      input,
    );
    return {
      creditNote: { id: creditNote.publicId, number: creditNote.number, amount: creditNote.amount },
      invoice: toInvoiceDto(invoice, payments, ctx.clock.now()),
    };
  }),
});
