import { Payment, Wallet, WalletTransaction } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_PROCESSING_SECONDS } from "../payments/sandbox-gateway.js";
import { settleProcessingPayments } from "../payments/settle.js";
import {
  CARDS,
  createCustomer,
  createShop,
  manualClock,
  saveCard,
  type Shop,
} from "../payments/test/fixtures.js";
import { walletBalances } from "./balance.js";
import { expireWalletCredits } from "./expire.js";
import { grantCredits } from "./grant.js";
import { topUpWallet } from "./top-up.js";
import { listWalletTransactions } from "./transactions.js";

describe("wallets", () => {
  let db: TestDatabase;
  let shop: Shop;
  const clock = manualClock("2026-05-01T10:00:00Z");
  const inSeconds = (s: number) => new Date(clock.now().getTime() + s * 1000);

  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await createShop(db);
  });
  afterAll(() => db?.close());

  it("grants credits per currency, with a balance that leaves out lapsed credits", async () => {
    const customer = await createCustomer(db, shop);
    const grant = (amount: number, extra: { currency?: string; expiresAt?: Date } = {}) =>
      grantCredits(db.em(), clock, shop.actor, { customer: customer.publicId, amount, ...extra });
    const first = await grant(500, { expiresAt: inSeconds(60) });
    expect(first.transaction).toMatchObject({
      type: "grant",
      amount: 500,
      balanceAfter: 500,
      remainingAmount: 500,
    });
    await grant(250);
    await grant(900, { currency: "usd", expiresAt: inSeconds(3600) });
    expect(await walletBalances(db.em(), clock, shop.actor, customer.publicId)).toEqual([
      {
        id: expect.stringMatching(/^wlt_/),
        customer: customer.publicId,
        currency: "EUR",
        balance: 750,
        nextExpiry: { amount: 500, at: inSeconds(60).toISOString() },
      },
      {
        id: expect.stringMatching(/^wlt_/),
        customer: customer.publicId,
        currency: "USD",
        balance: 900,
        nextExpiry: { amount: 900, at: inSeconds(3600).toISOString() },
      },
    ]);
    expect(await db.em().count(Wallet, { customer: customer.id })).toBe(2);

    clock.advance(61);
    const [eur] = await walletBalances(db.em(), clock, shop.actor, customer.publicId);
    expect(eur).toMatchObject({ balance: 250, nextExpiry: null });
  });

  it("refuses bad grants", async () => {
    const customer = await createCustomer(db, shop);
    const grant = (amount: number, extra: { currency?: string; expiresAt?: Date } = {}) =>
      grantCredits(db.em(), clock, shop.actor, { customer: customer.publicId, amount, ...extra }).catch(
        (error: { reason: string }) => error.reason,
      );
    expect(await grant(0)).toBe("INVALID_AMOUNT");
    expect(await grant(10, { expiresAt: inSeconds(-1) })).toBe("INVALID_EXPIRY");
    expect(await grant(10, { currency: "XXY" })).toBe("INVALID_CURRENCY");
    expect(await db.em().count(Wallet, { customer: customer.id })).toBe(0);
  });

  it("writes off lapsed credits once, leaving the rest", async () => {
    const customer = await createCustomer(db, shop);
    const lapsing = await grantCredits(db.em(), clock, shop.actor, {
      customer: customer.publicId,
      amount: 400,
      expiresAt: inSeconds(10),
    });
    await grantCredits(db.em(), clock, shop.actor, { customer: customer.publicId, amount: 100 });
    clock.advance(11);
    const run = await expireWalletCredits(db.em(), clock);
    expect(run.expired).toBeGreaterThanOrEqual(1);
    const wallet = await db.em().findOneOrFail(Wallet, { customer: customer.id });
    expect(wallet.balance).toBe(100);
    const entries = await db.em().find(WalletTransaction, { wallet: wallet.id }, { orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.type, e.amount, e.balanceAfter, e.remainingAmount])).toEqual([
      ["grant", 400, 400, 0],
      ["grant", 100, 500, 100],
      ["expiry", -400, 100, null],
    ]);
    expect(entries[0]!.id).toBe(lapsing.transaction.id);
    await expireWalletCredits(db.em(), clock);
    expect(await db.em().count(WalletTransaction, { wallet: wallet.id, type: "expiry" })).toBe(1);
  });

  it("credits a top-up only once its charge succeeds", async () => {
    const customer = await createCustomer(db, shop);
    const declined = await saveCard(db, clock, shop, customer, CARDS.declined);
    const failed = await topUpWallet(db.em(), clock, shop.actor, {
      customer: customer.publicId,
      amount: 2000,
      idempotencyKey: "top-up-declined",
    });
    expect(failed.payment).toMatchObject({
      status: "failed",
      purpose: "wallet_top_up",
      failureCode: "card_declined",
    });
    expect(await walletBalances(db.em(), clock, shop.actor, customer.publicId)).toEqual([]);

    await saveCard(db, clock, shop, customer, CARDS.processing, { setDefault: true });
    const pending = await topUpWallet(db.em(), clock, shop.actor, {
      customer: customer.publicId,
      amount: 2000,
      idempotencyKey: "top-up-async",
    });
    expect(pending.payment.status).toBe("processing");
    const none = await walletBalances(db.em(), clock, shop.actor, customer.publicId);
    expect(none.map((w) => w.balance)).toEqual([]);
    clock.advance(SANDBOX_PROCESSING_SECONDS);
    await settleProcessingPayments(db.em(), clock, { merchantId: shop.merchantId });
    const [wallet] = await walletBalances(db.em(), clock, shop.actor, customer.publicId);
    expect(wallet?.balance).toBe(2000);
    const topUp = await db.em().findOneOrFail(WalletTransaction, { customer: customer.id, type: "top_up" });
    expect(topUp.payment?.id).toBe(pending.payment.id);

    const replay = await topUpWallet(db.em(), clock, shop.actor, {
      customer: customer.publicId,
      amount: 2000,
      idempotencyKey: "top-up-async",
    });
    expect(replay).toMatchObject({ replayed: true });
    expect(replay.payment.status).toBe("succeeded");
    await expect(
      topUpWallet(db.em(), clock, shop.actor, {
        customer: customer.publicId,
        amount: 2000,
        paymentMethod: declined.publicId,
        idempotencyKey: "top-up-async",
      }),
    ).rejects.toMatchObject({ reason: "IDEMPOTENCY_KEY_REUSED" });
    expect(await db.em().count(Payment, { customer: customer.id })).toBe(2);
  });

  it("lists the ledger newest first, a keyset page at a time", async () => {
    const customer = await createCustomer(db, shop);
    for (const amount of [1, 2, 3, 4, 5]) {
      await grantCredits(db.em(), clock, shop.actor, { customer: customer.publicId, amount });
    }
    const first = await listWalletTransactions(db.em(), shop.actor, {
      customer: customer.publicId,
      limit: 2,
    });
    expect(first.data.map((t) => t.amount)).toEqual([5, 4]);
    expect(first.hasMore).toBe(true);
    const second = await listWalletTransactions(db.em(), shop.actor, {
      customer: customer.publicId,
      limit: 2,
      startingAfter: first.nextCursor!,
    });
    expect(second.data.map((t) => t.amount)).toEqual([3, 2]);
    const usd = await listWalletTransactions(db.em(), shop.actor, {
      customer: customer.publicId,
      currency: "USD",
    });
    expect(usd.data).toEqual([]);
  });
});
