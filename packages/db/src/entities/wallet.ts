import { defineEntity, type InferEntity } from "@mikro-orm/core";
import {
  createdAtColumn,
  currencyColumn,
  idColumn,
  metadataColumn,
  moneyColumn,
  publicIdColumn,
  updatedAtColumn,
} from "./columns.js";
import { Customer } from "./customer.js";
import { Invoice } from "./invoice.js";
import { Merchant } from "./merchant.js";
import { Payment } from "./payment.js";

export const WALLET_STATUSES = ["active", "closed"] as const;
export type WalletStatus = (typeof WALLET_STATUSES)[number];

/** Prepaid credit of a customer in one currency; `balance` is the sum of its transactions. */
export const Wallet = defineEntity({
  name: "Wallet",
  tableName: "wallet",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("wlt"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    name: p.string().length(100).default("Credits"),
    currency: currencyColumn(),
    balance: moneyColumn().default(0),
    status: p.enum([...WALLET_STATUSES]).default("active"),
    metadata: metadataColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  }),
  uniques: [{ properties: ["customer", "currency", "name"] }],
  // Two concurrent debits cannot overspend: the second `balance = balance - x` fails.
  checks: [{ name: "wallet_balance_non_negative", expression: "balance >= 0" }],
});
export type IWallet = InferEntity<typeof Wallet>;

export const WALLET_TRANSACTION_TYPES = [
  "grant",
  "top_up",
  "application",
  "expiry",
  "adjustment",
  "refund",
] as const;
export type WalletTransactionType = (typeof WALLET_TRANSACTION_TYPES)[number];

/**
 * One entry of a wallet's ledger; `amount` is signed (credits positive, applications and
 * expiries negative) and `balanceAfter` the wallet balance after it. Credit entries carry
 * `remainingAmount`, consumed first-in first-out by applications, and `expiresAt` for
 * credits that lapse; the expiry job looks them up by the partial index on expires_at.
 */
export const WalletTransaction = defineEntity({
  name: "WalletTransaction",
  tableName: "wallet_transaction",
  properties: (p) => ({
    id: idColumn(),
    publicId: publicIdColumn("wtx"),
    merchant: () => p.manyToOne(Merchant).ref(),
    customer: () => p.manyToOne(Customer).ref(),
    wallet: () => p.manyToOne(Wallet).ref(),
    type: p.enum([...WALLET_TRANSACTION_TYPES]),
    amount: moneyColumn(),
    balanceAfter: moneyColumn(),
    /** Unconsumed part of a credit entry (null on debit entries). */
    remainingAmount: moneyColumn().nullable(),
    expiresAt: p.datetime().nullable(),
    invoice: () => p.manyToOne(Invoice).ref().nullable(),
    payment: () => p.manyToOne(Payment).ref().nullable(),
    description: p.string().length(500).nullable(),
    createdAt: createdAtColumn(),
    /** Changes only when `remainingAmount` is consumed. */
    updatedAt: updatedAtColumn(),
  }),
  checks: [{ name: "wallet_transaction_remaining_non_negative", expression: "remaining_amount >= 0" }],
  indexes: [
    { properties: ["wallet", "createdAt", "id"] },
    { properties: ["customer", "createdAt", "id"] },
    { properties: ["invoice"] },
    {
      name: "wallet_transaction_expiring_index",
      expression: `create index "wallet_transaction_expiring_index" on "wallet_transaction" ("expires_at") where "remaining_amount" > 0`,
    },
  ],
});
export type IWalletTransaction = InferEntity<typeof WalletTransaction>;
