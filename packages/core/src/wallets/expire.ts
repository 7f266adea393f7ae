import { WalletTransaction, type EntityManager } from "@portico/db";
import { SYSTEM_ACTOR } from "../actor.js";
import type { Clock } from "../clock.js";
import { recordMoneyEvent } from "../payments/audit.js";
import { lockWallet, writeEntry } from "./ledger.js";

export interface ExpiryRun {
  /** Credit entries written off. */
  expired: number;
  /** Wallets touched. */
  wallets: number;
}

/**
 * Writes off credits past their expiry: one `expiry` entry per lapsed credit for what was
 * left of it, each wallet in its own short transaction under its lock (applications of the
 * same wallet wait, and never spend a lapsed credit meanwhile). Finds work through the
 * partial index on expires_at; `limit` caps the wallets of one run. For the expiry job.
 */
export async function expireWalletCredits(
  em: EntityManager,
  clock: Clock,
  options: { limit?: number } = {},
): Promise<ExpiryRun> {
  const now = clock.now();
  const due = await em.execute<{ wallet_id: number }[]>(
    `select distinct "wallet_id" from "wallet_transaction"
     where "remaining_amount" > 0 and "expires_at" <= ? order by "wallet_id" limit ?`,
    [now, options.limit ?? 500],
  );
  let expired = 0;
  for (const { wallet_id: walletId } of due) {
    expired += await em.transactional(async (tx) => {
      const wallet = await lockWallet(tx, Number(walletId));
      const lapsed = await tx.find(
        WalletTransaction,
        { wallet: wallet.id, remainingAmount: { $gt: 0 }, expiresAt: { $lte: now } },
        { orderBy: { expiresAt: "asc", id: "asc" } },
      );
      if (lapsed.length === 0) return 0;
      let total = 0;
      for (const credit of lapsed) {
        const left = credit.remainingAmount ?? 0;
        total += left;
        credit.remainingAmount = 0;
        credit.updatedAt = now;
        writeEntry(tx, wallet, {
          type: "expiry",
          amount: -left,
          at: now,
          description: `Credit ${credit.publicId} expired`,
        });
      }
      recordMoneyEvent(tx, SYSTEM_ACTOR, {
        merchantId: wallet.merchant.id,
        customerId: wallet.customer.id,
        action: "Wallet.CreditsExpired",
        targetType: "wallet",
        targetId: wallet.publicId,
        data: { credits: lapsed.map((credit) => credit.publicId), amount: total, currency: wallet.currency },
        at: now,
      });
      await tx.flush();
      return lapsed.length;
    });
  }
  return { expired, wallets: due.length };
}
