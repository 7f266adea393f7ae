import {
  grantCredits,
  listWalletTransactions,
  mapPage,
  topUpWallet,
  toPaymentDto,
  toWalletTransactionDto,
  walletBalances,
} from "@portico/core";
import {
  ZCreditBalanceInput,
  ZGrantCreditsInput,
  ZListCreditTransactionsInput,
  ZTopUpCreditsInput,
} from "@portico/validators";
import { integrationActor, integrationProcedure } from "../../procedures/integration.js";
import { createTRPCRouter } from "../../trpc.js";

/** Customers' prepaid credit (wallets, one per currency), spent on invoices before their card. */
export const creditsRouter = createTRPCRouter({
  grant: integrationProcedure
    .input(ZGrantCreditsInput)
    .mutation(async ({ ctx, input }) =>
      toWalletTransactionDto(
        (await grantCredits(ctx.em, ctx.clock, integrationActor(ctx), input)).transaction,
      ),
    ),

  /** A card payment credited to the wallet once it succeeds. */
  topUp: integrationProcedure
    .input(ZTopUpCreditsInput)
    .mutation(async ({ ctx, input }) =>
      toPaymentDto((await topUpWallet(ctx.em, ctx.clock, integrationActor(ctx), input)).payment),
    ),

  /** What each wallet may spend now (lapsed credits excluded). */
  balance: integrationProcedure
    .input(ZCreditBalanceInput)
    .query(({ ctx, input }) => walletBalances(ctx.em, ctx.clock, integrationActor(ctx), input.customer)),

  transactions: integrationProcedure
    .input(ZListCreditTransactionsInput)
    .query(async ({ ctx, input }) =>
      mapPage(await listWalletTransactions(ctx.em, integrationActor(ctx), input), toWalletTransactionDto),
    ),
});
