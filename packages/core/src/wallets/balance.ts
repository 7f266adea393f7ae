import { Wallet, WalletTransaction, type EntityManager } from "@portico/db";
import type { Clock } from "../clock.js";
import { customerInScope, type PaymentScope } from "../payments/scope.js";
import { toWalletDto, type WalletDto } from "./dto.js";

/**
 * A customer's wallets, one per currency, with what may be spent now: the ledger balance
 * less credits already past their expiry that the expiry job has not written off yet.
 */
export async function walletBalances(
  em: EntityManager,
  clock: Clock,
  scope: PaymentScope,
  customerRef: string,
): Promise<WalletDto[]> {
  const now = clock.now();
  const customer = await customerInScope(em, scope, customerRef);
  const wallets = await em.find(
    Wallet,
    { customer: customer.id },
    { orderBy: { currency: "asc", id: "asc" } },
  );
  const credits = await em.find(
    WalletTransaction,
    { customer: customer.id, remainingAmount: { $gt: 0 }, expiresAt: { $ne: null } },
    { orderBy: { expiresAt: "asc", id: "asc" } },
  );
  return wallets.map((wallet) => {
    const expiring = credits.filter((credit) => credit.wallet.id === wallet.id);
    const lapsed = expiring.filter((credit) => credit.expiresAt!.getTime() <= now.getTime());
    const upcoming = expiring.filter((credit) => credit.expiresAt!.getTime() > now.getTime());
    const next = upcoming[0]?.expiresAt ?? null;
    const spendable = wallet.balance - lapsed.reduce((sum, credit) => sum + (credit.remainingAmount ?? 0), 0);
    const nextExpiry = next
      ? {
          at: next,
          amount: upcoming
            .filter((credit) => credit.expiresAt!.getTime() === next.getTime())
            .reduce((sum, credit) => sum + (credit.remainingAmount ?? 0), 0),
        }
      : null;
    return toWalletDto(wallet, spendable, nextExpiry);
  });
}
