export { applyWalletCredits } from "./apply.js";
export { walletBalances } from "./balance.js";
export * from "./dto.js";
export { expireWalletCredits, type ExpiryRun } from "./expire.js";
export { grantCredits, type GrantCreditsInput, type WalletCredit } from "./grant.js";
export { DEFAULT_WALLET_NAME } from "./ledger.js";
export { topUpWallet, type TopUpWalletInput, type WalletTopUp } from "./top-up.js";
export { listWalletTransactions, type ListWalletTransactionsInput } from "./transactions.js";
