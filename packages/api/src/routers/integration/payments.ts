import { getPayment, listPayments, mapPage, refundPayment, toPaymentDto, toRefundDto } from "@portico/core";
import { ZListPaymentsInput, ZPaymentRefInput, ZRefundPaymentInput } from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Payments of the API key's merchant, and refunds of them. */
export const paymentsRouter = createTRPCRouter({
  list: integrationProcedure
    .input(ZListPaymentsInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listPayments(ctx.em, integrationActor(ctx), input), toPaymentDto),
    ),

  get: integrationProcedure
    .input(ZPaymentRefInput)
    .query(async ({ ctx, input }) =>
      toPaymentDto(await getPayment(ctx.em, integrationActor(ctx), input.payment)),
    ),

  /** All or part of what is left; once per idempotency key. */
  refund: integrationProcedure.input(ZRefundPaymentInput).mutation(async ({ ctx, input }) => {
    const { refund, payment } = await refundPayment(ctx.em, ctx.clock, integrationActor(ctx), input);
    return { refund: toRefundDto(refund), payment: toPaymentDto(payment) };
  }),
});
