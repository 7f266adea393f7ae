import { AuditEvent, Coupon, Customer, Invoice, Merchant, Subscription } from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../clock.js";
import { cancelSubscription, undoCancel } from "./cancel.js";
import { applyChange } from "./change.js";
import { createSubscription } from "./create.js";
import { getSubscription, listSubscriptions } from "./load.js";
import { pauseSubscription, resumeSubscription } from "./pause.js";
import { markSubscriptionPaymentFailed, markSubscriptionPaymentSucceeded } from "./payment-outcome.js";
import { renewSubscription } from "./renew.js";
import {
  createCatalog,
  createCoupon,
  createCustomer,
  invoicesOf,
  subscribe,
  type Catalog,
} from "./test/fixtures.js";

describe("subscription lifecycle", () => {
  let db: TestDatabase;
  let catalog: Catalog;

  beforeAll(async () => {
    db = await createTestDatabase();
    catalog = await createCatalog(db, "lifecycle");
  });
  afterAll(() => db?.close());

  const item = (key: keyof Catalog["prices"], quantity?: number) => ({
    price: catalog.prices[key].publicId,
    ...(quantity === undefined ? {} : { quantity }),
  });
  const at = (iso: string) => fixedClock(iso);
  const subscriptionCount = () => db.em().count(Subscription, {});

  describe("create", () => {
    it("charges automatically: incomplete until the first payment succeeds", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
        items: [item("pro")],
        collectionMethod: "charge_automatically",
        metadata: { plan: "pro" },
      });
      expect(sub).toMatchObject({ status: "incomplete", currency: "EUR", metadata: { plan: "pro" } });
      const [invoice] = await invoicesOf(db.em(), sub.id);
      expect(invoice).toMatchObject({
        status: "open",
        billingReason: "subscription_create",
        amountDue: 3000,
      });
      expect(sub.latestInvoice?.id).toBe(invoice!.id);
      await expect(
        applyChange(db.em(), at("2026-04-02T00:00:00Z"), catalog.actor, {
          id: sub.publicId,
          items: [item("basic")],
        }),
      ).rejects.toMatchObject({ code: "CONFLICT", reason: "SUBSCRIPTION_INCOMPLETE" });

      const em = db.em();
      const loaded = await getSubscription(em, catalog.actor, sub.publicId);
      await markSubscriptionPaymentSucceeded(em, at("2026-04-01T00:05:00Z"), loaded, invoice!);
      await em.flush();
      expect((await db.em().findOneOrFail(Subscription, sub.id)).status).toBe("active");
      expect(
        await db.em().count(AuditEvent, { targetId: sub.publicId, action: "Subscription.Activated" }),
      ).toBe(1);
    });

    it("goes past due when a renewal payment fails, back to active when paid, and cancels when dunning gives up", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
      const renewal = await renewSubscription(db.em(), at("2026-05-01T00:00:00Z"), sub.publicId);
      const invoice = renewal.steps[0]!.invoice!;
      const em = db.em();
      const loaded = await getSubscription(em, catalog.actor, sub.publicId);
      const open = await em.findOneOrFail(Invoice, invoice.id);
      await markSubscriptionPaymentFailed(em, at("2026-05-01T01:00:00Z"), loaded, open);
      expect(loaded.status).toBe("past_due");
      await markSubscriptionPaymentSucceeded(em, at("2026-05-02T01:00:00Z"), loaded, open);
      expect(loaded.status).toBe("active");
      await markSubscriptionPaymentFailed(em, at("2026-05-03T01:00:00Z"), loaded, open, {
        finalAttempt: true,
      });
      await em.flush();
      // The merchant's dunning final action defaults to cancel.
      expect(await db.em().findOneOrFail(Subscription, sub.id)).toMatchObject({
        status: "canceled",
        cancellationReason: "payment_failed",
      });
    });

    it("marks the invoice uncollectible on the final attempt when the merchant says so", async () => {
      const other = await createCatalog(db, "lifecycle-uncollectible");
      const em0 = db.em();
      const merchant = await em0.findOneOrFail(Merchant, other.merchantId);
      merchant.dunningFinalAction = "mark_uncollectible";
      await em0.flush();
      const sub = await subscribe(db, other, "2026-04-01T00:00:00Z", {
        items: [{ price: other.prices.basic.publicId }],
        collectionMethod: "charge_automatically",
      });
      await db.em().transactional(async (em) => {
        const loaded = await getSubscription(em, other.actor, sub.publicId);
        const invoice = await em.findOneOrFail(Invoice, loaded.latestInvoice!.id);
        await markSubscriptionPaymentSucceeded(em, at("2026-04-01T00:01:00Z"), loaded, invoice);
        await markSubscriptionPaymentFailed(em, at("2026-04-01T00:02:00Z"), loaded, invoice, {
          finalAttempt: true,
        });
      });
      const [invoice] = await invoicesOf(db.em(), sub.id);
      expect(invoice!.status).toBe("uncollectible");
      expect((await db.em().findOneOrFail(Subscription, sub.id)).status).toBe("past_due");
    });

    it("prorates the first invoice up to a future billing-cycle anchor", async () => {
      // Created Apr 16, anchored May 1: the period [Apr 1, May 1) is half left.
      const sub = await subscribe(db, catalog, "2026-04-16T00:00:00Z", {
        items: [item("pro")],
        billingCycleAnchor: new Date("2026-05-01T00:00:00Z"),
      });
      expect(sub).toMatchObject({
        currentPeriodStart: new Date("2026-04-16T00:00:00Z"),
        currentPeriodEnd: new Date("2026-05-01T00:00:00Z"),
      });
      const [invoice] = await invoicesOf(db.em(), sub.id);
      expect(invoice!.lines.getItems().map((l) => [l.amount, l.proration])).toEqual([[1500, true]]);
      // Unused time of that short period credits exactly what it charged: 10 of 15 days → 1000.
      await cancelSubscription(db.em(), at("2026-04-21T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        at: "now",
        prorate: true,
      });
      const [, credit] = await invoicesOf(db.em(), sub.id);
      expect(credit!.total).toBe(-1000);
    });

    it("gives a customer with no billing history the subscription's currency, and refuses it otherwise", async () => {
      const fresh = await createCustomer(db, catalog.merchantId, { currency: "USD" });
      await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
        customer: fresh.publicId,
        items: [item("basic")],
      });
      expect((await db.em().findOneOrFail(Customer, fresh.id)).currency).toBe("EUR");
      const count = await subscriptionCount();
      await expect(
        subscribe(db, catalog, "2026-04-01T00:00:00Z", { customer: fresh.publicId, items: [item("usd")] }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", reason: "CURRENCY_MISMATCH" });
      expect(await subscriptionCount()).toBe(count);
    });

    it("refuses bad input with a reason and writes nothing", async () => {
      const customer = await createCustomer(db, catalog.merchantId);
      const [count, events] = [await subscriptionCount(), await db.em().count(AuditEvent, {})];
      const create = (input: Partial<Parameters<typeof createSubscription>[3]>) =>
        createSubscription(db.em(), at("2026-04-01T00:00:00Z"), catalog.actor, {
          customer: customer.publicId,
          items: [item("basic")],
          ...input,
        });
      const reasons = [];
      for (const input of [
        { items: [item("basic"), item("proYearly")] },
        { items: [item("basic"), item("basic")] },
        { items: [item("seat", 1.5)] },
        { items: [item("pro", 2)] },
        { items: [{ price: "price_doesnotexist" }] },
        { trialDays: 5, billingCycleAnchor: new Date("2026-05-01T00:00:00Z") },
        { billingCycleAnchor: new Date("2026-03-01T00:00:00Z") },
        { trialDays: 1000 },
        { coupon: "NOPE" },
        { customer: "cus_unknown" },
      ]) {
        reasons.push(
          await create(input).then(
            () => "created",
            (e: { reason: string }) => e.reason,
          ),
        );
      }
      expect(reasons).toEqual([
        "MIXED_INTERVALS",
        "DUPLICATE_PRICE",
        "INVALID_QUANTITY",
        "INVALID_QUANTITY",
        "PRICE_NOT_FOUND",
        "TRIAL_WITH_ANCHOR",
        "ANCHOR_IN_PAST",
        "INVALID_TRIAL_DAYS",
        "COUPON_NOT_FOUND",
        "CUSTOMER_NOT_FOUND",
      ]);
      expect([await subscriptionCount(), await db.em().count(AuditEvent, {})]).toEqual([count, events]);
    });

    it("redeems a coupon at most maxRedemptions times and refuses expired, archived or foreign-currency ones", async () => {
      const limited = await createCoupon(db, catalog.merchantId, { percentOffBps: 1000, maxRedemptions: 1 });
      const first = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
        items: [item("basic")],
        coupon: limited.code.toLowerCase(),
      });
      expect(first.status).toBe("active");
      const reason = (coupon: string) =>
        subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")], coupon }).then(
          () => "created",
          (e: { reason: string }) => e.reason,
        );
      expect(await reason(limited.publicId)).toBe("COUPON_MAX_REDEMPTIONS");
      expect((await db.em().findOneOrFail(Coupon, limited.id)).timesRedeemed).toBe(1);
      const expired = await createCoupon(db, catalog.merchantId, {
        percentOffBps: 1000,
        redeemBy: new Date("2026-03-01T00:00:00Z"),
      });
      const archived = await createCoupon(db, catalog.merchantId, { percentOffBps: 1000, active: false });
      const dollars = await createCoupon(db, catalog.merchantId, {
        amountOff: 100,
        amountOffCurrency: "USD",
      });
      expect([await reason(expired.code), await reason(archived.code), await reason(dollars.code)]).toEqual([
        "COUPON_EXPIRED",
        "COUPON_INACTIVE",
        "COUPON_CURRENCY_MISMATCH",
      ]);
    });

    it.runIf(process.env.DATABASE_URL)(
      "redeems a coupon with 2 redemptions left exactly twice under 6 concurrent subscriptions",
      async () => {
        const coupon = await createCoupon(db, catalog.merchantId, { percentOffBps: 1000, maxRedemptions: 2 });
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, () =>
            subscribe(db, catalog, "2026-04-01T00:00:00Z", {
              items: [item("basic")],
              coupon: coupon.code,
            }).then(
              () => "created",
              (e: { reason: string }) => e.reason,
            ),
          ),
        );
        expect(outcomes.filter((o) => o === "created")).toHaveLength(2);
        expect(outcomes.filter((o) => o === "COUPON_MAX_REDEMPTIONS")).toHaveLength(4);
        expect((await db.em().findOneOrFail(Coupon, coupon.id)).timesRedeemed).toBe(2);
      },
    );

    it("lists a customer's subscriptions newest first, a keyset page at a time", async () => {
      const customer = await createCustomer(db, catalog.merchantId, { externalId: "ext-list" });
      const ids = [];
      for (const day of ["01", "02", "03"]) {
        ids.push(
          (
            await subscribe(db, catalog, `2026-04-${day}T00:00:00Z`, {
              customer: customer.publicId,
              items: [item("basic")],
            })
          ).publicId,
        );
      }
      const first = await listSubscriptions(db.em(), catalog.actor, { customer: "ext-list", limit: 2 });
      expect(first.data.map((s) => s.publicId)).toEqual([ids[2], ids[1]]);
      const second = await listSubscriptions(db.em(), catalog.actor, {
        customer: customer.publicId,
        limit: 2,
        startingAfter: first.nextCursor!,
      });
      expect(second).toMatchObject({ hasMore: false, nextCursor: null });
      expect(second.data.map((s) => s.publicId)).toEqual([ids[0]]);
    });
  });

  describe("cancel", () => {
    it("cancels now with a credit for unused time on the customer balance", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", {
        items: [item("pro"), item("seat", 2)],
      });
      const { subscription, invoice } = await cancelSubscription(
        db.em(),
        at("2026-04-16T00:00:00Z"),
        catalog.actor,
        {
          id: sub.publicId,
          at: "now",
          prorate: true,
        },
      );
      // Half of April unused: −3000/2 and −2400/2.
      expect(invoice).toMatchObject({ total: -2700, amountDue: 0, status: "paid", endingBalance: -2700 });
      expect(subscription).toMatchObject({ status: "canceled", endedAt: new Date("2026-04-16T00:00:00Z") });
      expect((await db.em().findOneOrFail(Customer, sub.customer.id)).balance).toBe(-2700);
      const event = await db
        .em()
        .findOneOrFail(AuditEvent, { targetId: sub.publicId, action: "Subscription.Canceled" });
      expect(event).toMatchObject({ actorType: "api_key", actorId: "key_tests" });
    });

    it("cancels now without prorating, and finalizes pending prorations rather than dropping them", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("seat", 1)] });
      // Apr 16: 1 → 3 seats held for the renewal: −600 + 1800.
      await applyChange(db.em(), at("2026-04-16T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        items: [item("seat", 3)],
      });
      const { invoice } = await cancelSubscription(db.em(), at("2026-04-20T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        at: "now",
      });
      expect(invoice).toMatchObject({ total: 1200, status: "open" });
      expect(await db.em().count(Invoice, { subscription: sub.id, status: "draft" })).toBe(0);
    });

    it("schedules a cancellation at the period's end, and undoes it", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
      const { subscription } = await cancelSubscription(db.em(), at("2026-04-05T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        at: "period_end",
      });
      expect(subscription).toMatchObject({
        status: "active",
        cancelAtPeriodEnd: true,
        cancelAt: new Date("2026-05-01T00:00:00Z"),
      });
      const kept = await undoCancel(db.em(), at("2026-04-06T00:00:00Z"), catalog.actor, sub.publicId);
      expect(kept).toMatchObject({ cancelAtPeriodEnd: false, cancelAt: null, canceledAt: null });
      const renewal = await renewSubscription(db.em(), at("2026-05-01T00:00:00Z"), sub.publicId);
      expect(renewal.steps.map((s) => s.kind)).toEqual(["renewed"]);
    });

    it("keeps a canceled subscription canceled: every later change is CONFLICT", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
      await cancelSubscription(db.em(), at("2026-04-02T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        at: "now",
      });
      const clock = at("2026-04-03T00:00:00Z");
      // One at a time: PGlite serves one transaction at once.
      const attempts = [
        () => applyChange(db.em(), clock, catalog.actor, { id: sub.publicId, items: [item("pro")] }),
        () => cancelSubscription(db.em(), clock, catalog.actor, { id: sub.publicId, at: "now" }),
        () => undoCancel(db.em(), clock, catalog.actor, sub.publicId),
        () => pauseSubscription(db.em(), clock, catalog.actor, { id: sub.publicId }),
        () => resumeSubscription(db.em(), clock, catalog.actor, sub.publicId),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).rejects.toMatchObject({ code: "CONFLICT", reason: "SUBSCRIPTION_CANCELED" });
      }
    });
  });

  describe("pause", () => {
    it("pauses at the period's end for at most maxPauseDays, bills nothing while paused, resumes on its own", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
      const pause = (input: { resumeAt?: Date; maxPauseDays?: number }) =>
        pauseSubscription(db.em(), at("2026-04-10T00:00:00Z"), catalog.actor, { id: sub.publicId, ...input });
      await expect(
        pause({ resumeAt: new Date("2026-06-15T00:00:00Z"), maxPauseDays: 30 }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        reason: "PAUSE_TOO_LONG",
        details: { latestResumeAt: "2026-05-31T00:00:00.000Z" },
      });
      await expect(pause({ resumeAt: new Date("2026-04-20T00:00:00Z") })).rejects.toMatchObject({
        reason: "RESUME_BEFORE_PAUSE",
      });
      const paused = await pause({ maxPauseDays: 30 });
      expect(paused).toMatchObject({
        status: "active",
        pausedAt: new Date("2026-05-01T00:00:00Z"),
        resumeAt: new Date("2026-05-31T00:00:00Z"),
      });
      await expect(pause({})).rejects.toMatchObject({
        code: "CONFLICT",
        reason: "SUBSCRIPTION_ALREADY_PAUSED",
      });

      const atPause = await renewSubscription(db.em(), at("2026-05-01T00:00:00Z"), sub.publicId);
      expect(atPause.steps.map((s) => [s.kind, s.invoice])).toEqual([["paused", null]]);
      expect(atPause.subscription.status).toBe("paused");
      expect((await renewSubscription(db.em(), at("2026-05-20T00:00:00Z"), sub.publicId)).steps).toEqual([]);

      const resumed = await renewSubscription(db.em(), at("2026-06-05T00:00:00Z"), sub.publicId);
      expect(resumed.steps.map((s) => [s.kind, s.at.toISOString().slice(0, 10)])).toEqual([
        ["resumed", "2026-05-31"],
      ]);
      expect(resumed.subscription).toMatchObject({
        status: "active",
        billingCycleAnchor: new Date("2026-05-31T00:00:00Z"),
        currentPeriodEnd: new Date("2026-06-30T00:00:00Z"),
        pausedAt: null,
        resumeAt: null,
      });
      const invoices = await invoicesOf(db.em(), sub.id);
      expect(invoices.map((i) => [i.periodStart?.toISOString().slice(0, 10), i.total])).toEqual([
        ["2026-04-01", 1000],
        ["2026-05-31", 1000],
      ]);
    });

    it("resumes by hand with the anchor reset to now and a full period invoiced", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("pro")] });
      await pauseSubscription(db.em(), at("2026-04-10T00:00:00Z"), catalog.actor, { id: sub.publicId });
      await renewSubscription(db.em(), at("2026-05-01T00:00:00Z"), sub.publicId);
      const { subscription, invoice } = await resumeSubscription(
        db.em(),
        at("2026-05-20T12:00:00Z"),
        catalog.actor,
        sub.publicId,
      );
      expect(subscription).toMatchObject({
        status: "active",
        billingCycleAnchor: new Date("2026-05-20T12:00:00Z"),
        currentPeriodEnd: new Date("2026-06-20T12:00:00Z"),
      });
      expect(invoice).toMatchObject({ total: 3000, billingReason: "subscription_cycle" });
      await expect(
        resumeSubscription(db.em(), at("2026-05-21T00:00:00Z"), catalog.actor, sub.publicId),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        reason: "SUBSCRIPTION_NOT_PAUSED",
      });
    });

    it("resuming a pause that has not started only clears it; a canceling subscription does not pause", async () => {
      const sub = await subscribe(db, catalog, "2026-04-01T00:00:00Z", { items: [item("basic")] });
      await pauseSubscription(db.em(), at("2026-04-10T00:00:00Z"), catalog.actor, { id: sub.publicId });
      const { subscription, invoice } = await resumeSubscription(
        db.em(),
        at("2026-04-11T00:00:00Z"),
        catalog.actor,
        sub.publicId,
      );
      expect([subscription.status, subscription.pausedAt, invoice]).toEqual(["active", null, null]);
      await cancelSubscription(db.em(), at("2026-04-12T00:00:00Z"), catalog.actor, {
        id: sub.publicId,
        at: "period_end",
      });
      await expect(
        pauseSubscription(db.em(), at("2026-04-13T00:00:00Z"), catalog.actor, { id: sub.publicId }),
      ).rejects.toMatchObject({ reason: "SUBSCRIPTION_CANCELING" });
    });
  });
});
