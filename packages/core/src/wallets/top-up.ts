import { Merchant, Payment, type EntityManager, type IPayment } from "@portico/db";
import type { Clock } from "../clock.js";
import { checkAmount } from "../common/amount.js";
import { normalizeCurrency } from "../common/currency.js";
import { AppError } from "../errors.js";
import { chargeableMethod, executeCharge, reservePayment } from "../payments/charge.js";
import { PAYMENT_POPULATE } from "../payments/dto.js";
import { checkIdempotencyKey, requestHash, withIdempotency } from "../payments/idempotency.js";
import { customerInScope, type PaymentActor } from "../payments/scope.js";

export interface TopUpWalletInput {
  /** `cus_…` or the merchant's external id. */
  customer: string;
  /** Minor units, ≥ 1. */
  amount: number;
  /** Defaults to the customer's currency. */
  currency?: string;
  /** `pm_…`; default the customer's default method. */
  paymentMethod?: string | null;
  idempotencyKey: string;
}

export interface WalletTopUp {
  /** The charge (PAYMENT_POPULATE); its status says whether the wallet was credited yet. */
  payment: IPayment;
  replayed: boolean;
}

/**
 * Buys credits: a `wallet_top_up` payment through the gateway, once per idempotency key
 * (reserved, charged, recorded as payInvoice does). The wallet is credited only when the
 * charge succeeds — at once, or when a processing charge settles; a failed one credits
 * nothing.
 */
export async function topUpWallet(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  input: TopUpWalletInput,
): Promise<WalletTopUp> {
  const amount = checkAmount(input.amount, "amount", 1);
  const key = checkIdempotencyKey(input.idempotencyKey);
  const customer = await customerInScope(em, actor, input.customer);
  const currency = normalizeCurrency(input.currency ?? customer.currency);
  const request = {
    customer: customer.publicId,
    amount,
    currency,
    paymentMethod: input.paymentMethod ?? null,
  };
  const { value, replayed } = await withIdempotency<string>(
    em,
    clock,
    { merchantId: actor.merchantId, scope: "credits.top_up", key, request },
    async () => {
      const reserved = await em.transactional(async (tx) => {
        const resumed = await tx.findOne(Payment, { merchant: actor.merchantId, idempotencyKey: key });
        if (resumed) {
          if (resumed.requestHash !== requestHash(request) || resumed.purpose !== "wallet_top_up") {
            throw new AppError(
              "CONFLICT",
              "IDEMPOTENCY_KEY_REUSED",
              "This idempotency key belongs to another payment.",
            );
          }
          return resumed;
        }
        const merchant = await tx.findOneOrFail(Merchant, actor.merchantId);
        const method = await chargeableMethod(tx, customer.id, {
          gateway: merchant.gateway,
          paymentMethod: input.paymentMethod,
        });
        return reservePayment(tx, actor.merchantId, {
          customerId: customer.id,
          purpose: "wallet_top_up",
          invoice: null,
          method,
          amount,
          currency,
          idempotencyKey: key,
          requestHash: requestHash(request),
          description: "Credit top-up",
          at: clock.now(),
        });
      });
      if (reserved.status === "processing" && !reserved.gatewayReference) {
        await executeCharge(em, clock, reserved.id, { actor });
      }
      return reserved.publicId;
    },
  );
  const payment = await em.findOneOrFail(
    Payment,
    { publicId: value },
    { populate: PAYMENT_POPULATE, refresh: true },
  );
  return { payment, replayed };
}
