import {
  Wallet,
  WalletTransaction,
  type IInvoice,
  type IPayment,
  type IWallet,
  type IWalletTransaction,
  type WalletTransactionType,
} from "../entities/index.js";
import { openAccount, type BillingDeps } from "./billing.js";
import { stamps } from "./context.js";
import type { DemoCustomer } from "./customers.js";

/**
 * Hooli, the credits-only customer: no subscription, a prepaid wallet (welcome grant, a card
 * top-up, two invoices paid from it, a goodwill grant). Every entry's `balanceAfter` is the
 * running sum; applications consume credit entries first-in first-out (`remainingAmount`).
 */
export interface CreditsScenario {
  customer: DemoCustomer;
  wallet: IWallet;
  topUp: IPayment;
}

export function createCreditsScenario(deps: BillingDeps): CreditsScenario {
  const { ctx, book } = deps;
  const { customer, cards } = openAccount(deps, "hooli", {
    since: ctx.day(-95, 11, 5),
    cardholder: "Gavin Belson",
    cards: {
      amex: {
        brand: "amex",
        last4: "0005",
        expiresInMonths: 26,
        addedAt: ctx.day(-60, 12, 50),
        isDefault: true,
      },
    },
  });
  const card = cards.amex;
  const wallet = ctx.em.create(Wallet, {
    merchant: ctx.merchant,
    customer: customer.entity,
    name: "Credits",
    currency: customer.entity.currency,
    balance: 0,
    status: "active",
    ...stamps(ctx.day(-90, 10)),
  });

  const credits: IWalletTransaction[] = [];
  const entry = (input: {
    type: WalletTransactionType;
    amount: number;
    at: Date;
    description: string;
    expiresAt?: Date;
    invoice?: IInvoice;
    payment?: IPayment;
  }): IWalletTransaction => {
    wallet.balance += input.amount;
    wallet.updatedAt = input.at;
    const isCredit = input.amount > 0;
    const tx = ctx.em.create(WalletTransaction, {
      merchant: ctx.merchant,
      customer: customer.entity,
      wallet,
      type: input.type,
      amount: input.amount,
      balanceAfter: wallet.balance,
      remainingAmount: isCredit ? input.amount : null,
      expiresAt: input.expiresAt ?? null,
      invoice: input.invoice ?? null,
      payment: input.payment ?? null,
      description: input.description,
      ...stamps(input.at),
    });
    if (isCredit) credits.push(tx);
    else consume(-input.amount, input.at);
    return tx;
  };
  const consume = (amount: number, at: Date) => {
    let left = amount;
    for (const credit of credits) {
      if (left === 0) break;
      const take = Math.min(left, credit.remainingAmount ?? 0);
      if (take === 0) continue;
      credit.remainingAmount = (credit.remainingAmount ?? 0) - take;
      credit.updatedAt = at;
      left -= take;
    }
    if (left > 0) throw new Error("Wallet application exceeds the balance");
  };
  /** An invoice paid from the wallet as far as the balance goes, the rest by card. */
  const invoiceFromWallet = (at: Date, description: string, amount: number) => {
    const applied = Math.min(wallet.balance, amount);
    const invoice = book.issue({
      customer,
      billingReason: "manual",
      issuedAt: at,
      lines: [{ type: "one_off", description, quantity: 1, unitAmount: amount, amount }],
      walletCreditApplied: applied,
    });
    entry({
      type: "application",
      amount: -applied,
      at,
      description: `Applied to invoice for ${description}`,
      invoice,
    });
    book.pay(invoice, at, card);
    return invoice;
  };

  entry({
    type: "grant",
    amount: 50_00,
    at: ctx.day(-90, 10),
    description: "Welcome credit",
    expiresAt: ctx.day(275),
  });
  const topUpAt = ctx.day(-60, 13, 2);
  const topUp = book.topUp(customer, topUpAt, card, 500_00);
  entry({ type: "top_up", amount: 500_00, at: topUpAt, description: "Top-up by card", payment: topUp });
  invoiceFromWallet(ctx.day(-45, 17, 30), "Onboarding workshop (half day, remote)", 120_00);
  invoiceFromWallet(ctx.day(-15, 12, 15), "Historical data export (12 months)", 150_00);
  entry({
    type: "grant",
    amount: 25_00,
    at: ctx.day(-5, 9, 40),
    description: "Goodwill credit for the API incident of last week",
    expiresAt: ctx.day(85),
  });
  return { customer, wallet, topUp };
}
