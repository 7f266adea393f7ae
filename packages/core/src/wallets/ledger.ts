import { LockMode } from "@mikro-orm/core";
import {
  newPublicId,
  Wallet,
  WalletTransaction,
  type EntityManager,
  type ICustomer,
  type IWallet,
  type IWalletTransaction,
  type WalletTransactionType,
} from "@portico/db";

/** A customer has one wallet per currency, under this name. */
export const DEFAULT_WALLET_NAME = "Credits";

/**
 * The customer's wallet in `currency`, created on first use, row-locked until the caller's
 * transaction ends: every balance change of one wallet runs after the previous one. The
 * insert ignores a wallet a concurrent transaction just created (the unique key), so two
 * first grants do not fail each other.
 */
export async function lockWalletFor(
  em: EntityManager,
  customer: ICustomer,
  currency: string,
): Promise<IWallet> {
  await em.execute(
    `insert into "wallet" ("public_id", "merchant_id", "customer_id", "name", "currency")
     values (?, ?, ?, ?, ?) on conflict ("customer_id", "currency", "name") do nothing`,
    [newPublicId("wlt"), customer.merchant.id, customer.id, DEFAULT_WALLET_NAME, currency],
  );
  return em.findOneOrFail(
    Wallet,
    { customer: customer.id, currency, name: DEFAULT_WALLET_NAME },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
}

/** Locks a known wallet (see lockWalletFor). */
export async function lockWallet(em: EntityManager, walletId: number): Promise<IWallet> {
  return em.findOneOrFail(Wallet, walletId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

export interface LedgerEntry {
  type: WalletTransactionType;
  /** Signed: credits positive, debits negative. */
  amount: number;
  at: Date;
  expiresAt?: Date | null;
  invoiceId?: number | null;
  paymentId?: number | null;
  description?: string | null;
}

/**
 * Writes one entry on a locked wallet and moves its balance. A credit entry (amount > 0)
 * starts with its whole amount unconsumed (`remainingAmount`); debits consume credits
 * themselves (see consumeCredits), so the balance always equals the credits' remainders.
 */
export function writeEntry(em: EntityManager, wallet: IWallet, entry: LedgerEntry): IWalletTransaction {
  wallet.balance += entry.amount;
  wallet.updatedAt = entry.at;
  return em.create(WalletTransaction, {
    merchant: wallet.merchant.id,
    customer: wallet.customer.id,
    wallet,
    type: entry.type,
    amount: entry.amount,
    balanceAfter: wallet.balance,
    remainingAmount: entry.amount > 0 ? entry.amount : null,
    expiresAt: entry.expiresAt ?? null,
    invoice: entry.invoiceId ?? null,
    payment: entry.paymentId ?? null,
    description: entry.description ?? null,
    createdAt: entry.at,
    updatedAt: entry.at,
  });
}

/** Credit entries of a wallet that may still be spent at `now`: earliest-expiring first, then oldest. */
export async function spendableCredits(
  em: EntityManager,
  walletId: number,
  now: Date,
): Promise<IWalletTransaction[]> {
  return em.find(
    WalletTransaction,
    {
      wallet: walletId,
      remainingAmount: { $gt: 0 },
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    },
    { orderBy: [{ expiresAt: "asc nulls last" }, { createdAt: "asc" }, { id: "asc" }] },
  );
}

/**
 * Takes up to `max` from the spendable credits of a locked wallet, earliest-expiring first,
 * lowering their remainders; returns how much was taken. The caller writes the debit entry.
 */
export async function consumeCredits(
  em: EntityManager,
  wallet: IWallet,
  max: number,
  now: Date,
): Promise<number> {
  let taken = 0;
  for (const credit of await spendableCredits(em, wallet.id, now)) {
    if (taken >= max) break;
    const take = Math.min(credit.remainingAmount ?? 0, max - taken);
    credit.remainingAmount = (credit.remainingAmount ?? 0) - take;
    credit.updatedAt = now;
    taken += take;
  }
  return taken;
}
