import type { IWallet, IWalletTransaction, WalletTransactionType } from "@portico/db";

/** A wallet as the API shows it; `balance` is what may be spent now (expired credits excluded). */
export interface WalletDto {
  id: string;
  /** `cus_…` */
  customer: string;
  currency: string;
  balance: number;
  /** The next credits to lapse, if any. */
  nextExpiry: { amount: number; at: string } | null;
}

export interface WalletTransactionDto {
  id: string;
  /** `wlt_…` */
  wallet: string;
  currency: string;
  type: WalletTransactionType;
  /** Signed: credits positive, applications, refunds and expiries negative. */
  amount: number;
  balanceAfter: number;
  /** Unspent part of a credit; null on debits. */
  remainingAmount: number | null;
  expiresAt: string | null;
  /** `in_…` a credit was applied to. */
  invoice: string | null;
  /** `py_…` of a top-up. */
  payment: string | null;
  description: string | null;
  createdAt: string;
}

/** Needs `wallet`, `invoice` and `payment` loaded (WALLET_TRANSACTION_POPULATE). */
export function toWalletTransactionDto(entry: IWalletTransaction): WalletTransactionDto {
  const wallet = entry.wallet.getEntity();
  return {
    id: entry.publicId,
    wallet: wallet.publicId,
    currency: wallet.currency,
    type: entry.type,
    amount: entry.amount,
    balanceAfter: entry.balanceAfter,
    remainingAmount: entry.remainingAmount ?? null,
    expiresAt: entry.expiresAt?.toISOString() ?? null,
    invoice: entry.invoice?.getEntity().publicId ?? null,
    payment: entry.payment?.getEntity().publicId ?? null,
    description: entry.description ?? null,
    createdAt: entry.createdAt.toISOString(),
  };
}

export const WALLET_TRANSACTION_POPULATE = ["wallet", "invoice", "payment"] as const;

/** Needs `customer` loaded; `balance` and `nextExpiry` as computed by walletBalances. */
export function toWalletDto(
  wallet: IWallet,
  balance: number,
  nextExpiry: { amount: number; at: Date } | null,
): WalletDto {
  return {
    id: wallet.publicId,
    customer: wallet.customer.getEntity().publicId,
    currency: wallet.currency,
    balance,
    nextExpiry: nextExpiry ? { amount: nextExpiry.amount, at: nextExpiry.at.toISOString() } : null,
  };
}
