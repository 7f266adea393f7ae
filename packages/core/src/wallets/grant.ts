import { WalletTransaction, type EntityManager, type IWallet, type IWalletTransaction } from "@portico/db";
import type { Clock } from "../clock.js";
import { checkAmount } from "../common/amount.js";
import { normalizeCurrency } from "../common/currency.js";
import { optionalText } from "../common/text.js";
import { AppError } from "../errors.js";
import { recordMoneyEvent } from "../payments/audit.js";
import { withIdempotency } from "../payments/idempotency.js";
import { customerInScope, type PaymentActor } from "../payments/scope.js";
import { lockWalletFor, writeEntry } from "./ledger.js";

export interface GrantCreditsInput {
  /** `cus_…` or the merchant's external id. */
  customer: string;
  /** Minor units, ≥ 1. */
  amount: number;
  /** Defaults to the customer's currency. */
  currency?: string;
  /** The credit lapses at this instant (must be in the future); null never. */
  expiresAt?: Date | null;
  description?: string | null;
  /** Makes a retried grant safe: one grant per key (see withIdempotency). */
  idempotencyKey?: string;
}

export interface WalletCredit {
  wallet: IWallet;
  transaction: IWalletTransaction;
}

/**
 * Gives a customer credits (a merchant's gift or goodwill): a `grant` entry on the wallet of
 * the currency, spent on invoices before their payment method is charged, earliest-expiring
 * first. With an idempotency key, a retry returns the first grant.
 */
export async function grantCredits(
  em: EntityManager,
  clock: Clock,
  actor: PaymentActor,
  input: GrantCreditsInput,
): Promise<WalletCredit> {
  const amount = checkAmount(input.amount, "amount", 1);
  const description = optionalText(input.description, "description", 500);
  const now = clock.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("BAD_REQUEST", "INVALID_EXPIRY", "expiresAt must be in the future.", {
      details: { field: "expiresAt" },
    });
  }
  const run = () => grant(em, now, actor, { ...input, amount, description });
  if (input.idempotencyKey === undefined) return run();
  const request = {
    customer: input.customer,
    amount,
    currency: input.currency ?? null,
    expiresAt: input.expiresAt?.toISOString() ?? null,
    description,
  };
  const { value } = await withIdempotency(
    em,
    clock,
    { merchantId: actor.merchantId, scope: "credits.grant", key: input.idempotencyKey, request },
    async () => (await run()).transaction.publicId,
  );
  const transaction = await em.findOneOrFail(
    WalletTransaction,
    { publicId: value },
    { populate: ["wallet"] },
  );
  return { wallet: transaction.wallet.getEntity(), transaction };
}

async function grant(
  em: EntityManager,
  now: Date,
  actor: PaymentActor,
  input: GrantCreditsInput & { amount: number; description: string | null },
): Promise<WalletCredit> {
  const { amount, description } = input;
  return em.transactional(async (tx) => {
    const customer = await customerInScope(tx, actor, input.customer);
    const currency = normalizeCurrency(input.currency ?? customer.currency);
    const wallet = await lockWalletFor(tx, customer, currency);
    const transaction = writeEntry(tx, wallet, {
      type: "grant",
      amount,
      at: now,
      expiresAt: input.expiresAt ?? null,
      description,
    });
    await tx.flush();
    recordMoneyEvent(tx, actor, {
      merchantId: actor.merchantId,
      customerId: customer.id,
      action: "Wallet.CreditsGranted",
      targetType: "wallet",
      targetId: wallet.publicId,
      data: {
        transaction: transaction.publicId,
        amount,
        currency,
        expiresAt: input.expiresAt?.toISOString() ?? null,
      },
      at: now,
    });
    await tx.flush();
    return { wallet, transaction };
  });
}
