import { z } from "zod";
import { ZCurrency, pageOf } from "./common.js";
import { ZCustomerRef, publicIdOf } from "./integration.js";
import { ZIdempotencyKey, ZPositiveMinorUnits } from "./payments.js";

/** Inputs of `integration.credits` (wallets). */

export const ZGrantCreditsInput = z.strictObject({
  customer: ZCustomerRef,
  amount: ZPositiveMinorUnits,
  /** Default: the customer's currency. */
  currency: ZCurrency.optional(),
  /** ISO 8601 instant the credit lapses; omitted: never. */
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
  description: z.string().trim().max(500).optional(),
  /** Makes a retried grant safe: the same key grants once. */
  idempotencyKey: ZIdempotencyKey.optional(),
});
export type TGrantCreditsInput = z.input<typeof ZGrantCreditsInput>;

export const ZTopUpCreditsInput = z.strictObject({
  customer: ZCustomerRef,
  amount: ZPositiveMinorUnits,
  currency: ZCurrency.optional(),
  paymentMethod: publicIdOf("pm").optional(),
  idempotencyKey: ZIdempotencyKey,
});
export type TTopUpCreditsInput = z.infer<typeof ZTopUpCreditsInput>;

export const ZCreditBalanceInput = z.strictObject({ customer: ZCustomerRef });
export type TCreditBalanceInput = z.infer<typeof ZCreditBalanceInput>;

export const ZListCreditTransactionsInput = pageOf(publicIdOf("wtx")).extend({
  customer: ZCustomerRef,
  currency: ZCurrency.optional(),
});
export type TListCreditTransactionsInput = z.infer<typeof ZListCreditTransactionsInput>;
