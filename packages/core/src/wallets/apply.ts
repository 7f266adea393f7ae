import { Wallet, type EntityManager, type IInvoice } from "@portico/db";
import type { Actor } from "../actor.js";
import { recordMoneyEvent } from "../payments/audit.js";
import { consumeCredits, lockWallet, writeEntry } from "./ledger.js";

/**
 * Pays up to `max` of an open invoice from the customer's wallets in its currency, before its
 * payment method is charged: spendable credits earliest-expiring first (expired ones never),
 * one `application` entry per wallet. Lowers the invoice's amountDue and amountRemaining by
 * what was applied (walletCreditApplied records it) and returns that amount. Runs in the
 * caller's transaction, which holds the invoice's lock; the wallets are locked after it.
 */
export async function applyWalletCredits(
  em: EntityManager,
  now: Date,
  invoice: IInvoice,
  max: number,
  actor: Actor,
): Promise<number> {
  let applied = 0;
  const wallets = await em.find(
    Wallet,
    { customer: invoice.customer.id, currency: invoice.currency, status: "active", balance: { $gt: 0 } },
    { orderBy: { id: "asc" } },
  );
  for (const candidate of wallets) {
    const limit = Math.min(max, invoice.amountRemaining) - applied;
    if (limit <= 0) break;
    const wallet = await lockWallet(em, candidate.id);
    const taken = await consumeCredits(em, wallet, limit, now);
    if (taken === 0) continue;
    const entry = writeEntry(em, wallet, {
      type: "application",
      amount: -taken,
      at: now,
      invoiceId: invoice.id,
      description: invoice.number ? `Applied to invoice ${invoice.number}` : null,
    });
    await em.flush(); // assigns the entry's public id, for the audit event
    applied += taken;
    recordMoneyEvent(em, actor, {
      merchantId: invoice.merchant.id,
      customerId: invoice.customer.id,
      action: "Wallet.CreditsApplied",
      targetType: "wallet",
      targetId: wallet.publicId,
      data: {
        transaction: entry.publicId,
        invoice: invoice.publicId,
        amount: taken,
        currency: invoice.currency,
      },
      at: now,
    });
  }
  invoice.walletCreditApplied += applied;
  invoice.amountDue -= applied;
  invoice.amountRemaining -= applied;
  return applied;
}
