import { WalletTransaction, type EntityManager, type IWalletTransaction } from "@portico/db";
import {
  keysetAfter,
  NEWEST_FIRST,
  pageFetchLimit,
  toPage,
  type Page,
  type PageParams,
} from "../common/keyset-page.js";
import { normalizeCurrency } from "../common/currency.js";
import { customerInScope, type PaymentScope } from "../payments/scope.js";
import { WALLET_TRANSACTION_POPULATE } from "./dto.js";

export interface ListWalletTransactionsInput extends PageParams {
  /** `cus_…` or the merchant's external id. */
  customer: string;
  currency?: string;
}

/** A customer's wallet ledger, newest first, a keyset page at a time. */
export async function listWalletTransactions(
  em: EntityManager,
  scope: PaymentScope,
  input: ListWalletTransactionsInput,
): Promise<Page<IWalletTransaction>> {
  const limit = pageFetchLimit(input);
  const customer = await customerInScope(em, scope, input.customer);
  const after = await keysetAfter(em, "wallet_transaction", scope.merchantId, input.startingAfter);
  const rows = await em.find(
    WalletTransaction,
    {
      customer: customer.id,
      ...(input.currency === undefined ? {} : { wallet: { currency: normalizeCurrency(input.currency) } }),
      ...after,
    },
    { orderBy: NEWEST_FIRST, limit, populate: WALLET_TRANSACTION_POPULATE },
  );
  return toPage(rows, input);
}
