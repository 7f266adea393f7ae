import type { Clock } from "@portico/core";
import {
  AuditEvent,
  COLLECTION_METHODS,
  Invoice,
  PRORATION_BEHAVIORS,
  SUBSCRIPTION_CANCELLATION_REASONS,
  SUBSCRIPTION_STATUSES,
  Subscription,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import {
  CANCELLATION_REASON_VALUES,
  COLLECTION_METHOD_VALUES,
  PRORATION_BEHAVIOR_VALUES,
  SUBSCRIPTION_STATUS_VALUES,
} from "@portico/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../test/failure.js";
import { twoTenants, type Tenant } from "../../test/integration-tenants.js";

describe("integration.subscriptions", () => {
  let db: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let now = new Date("2026-04-01T00:00:00Z");
  const clock: Clock = { now: () => new Date(now) };
  const prices = { basic: "", pro: "", seat: "", yearly: "" };
  let customer = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ a, b } = await twoTenants(db, clock));
    const api = a.api().integration;
    const product = async (name: string) => (await api.products.create({ name })).id;
    const flat = { currency: "EUR", type: "flat", interval: "month" } as const;
    prices.basic = (
      await api.prices.create({ ...flat, product: await product("Basic"), unitAmount: 1000 })
    ).id;
    prices.pro = (await api.prices.create({ ...flat, product: await product("Pro"), unitAmount: 3000 })).id;
    prices.seat = (
      await api.prices.create({ ...flat, type: "per_seat", product: await product("Seat"), unitAmount: 1200 })
    ).id;
    prices.yearly = (
      await api.prices.create({
        ...flat,
        product: await product("Pro yearly"),
        unitAmount: 30000,
        interval: "year",
      })
    ).id;
    customer = (await api.customers.create({ name: "Northwind", externalId: "acct_northwind" })).id;
  });
  afterAll(() => db?.close());

  const create = (over: Record<string, unknown> = {}) =>
    a.api().integration.subscriptions.create({
      customer: "acct_northwind",
      items: [{ price: prices.seat, quantity: 5 }],
      collectionMethod: "send_invoice",
      ...over,
    });

  it("keeps the validators' enumerations equal to the database's", () => {
    expect([...SUBSCRIPTION_STATUS_VALUES]).toEqual([...SUBSCRIPTION_STATUSES]);
    expect([...COLLECTION_METHOD_VALUES]).toEqual([...COLLECTION_METHODS]);
    expect([...PRORATION_BEHAVIOR_VALUES]).toEqual([...PRORATION_BEHAVIORS]);
    expect([...CANCELLATION_REASON_VALUES]).toEqual([...SUBSCRIPTION_CANCELLATION_REASONS]);
  });

  it("creates a subscription for a customer named by external id, invoiced at once", async () => {
    now = new Date("2026-04-01T00:00:00Z");
    const sub = await create({ metadata: { deal: "42" } });
    expect(sub).toEqual({
      id: expect.stringMatching(/^sub_[a-z2-7]{24}$/),
      customer,
      status: "active",
      currency: "EUR",
      items: [
        {
          id: expect.stringMatching(/^si_/),
          price: prices.seat,
          product: expect.stringMatching(/^prod_/),
          productName: "Seat",
          type: "per_seat",
          quantity: 5,
          unitAmount: 1200,
          unitAmountDecimal: null,
          interval: "month",
          intervalCount: 1,
        },
      ],
      collectionMethod: "send_invoice",
      daysUntilDue: null,
      prorationBehavior: "create_prorations",
      startedAt: "2026-04-01T00:00:00.000Z",
      billingCycleAnchor: "2026-04-01T00:00:00.000Z",
      currentPeriodStart: "2026-04-01T00:00:00.000Z",
      currentPeriodEnd: "2026-05-01T00:00:00.000Z",
      trialStart: null,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
      endedAt: null,
      cancellationReason: null,
      pausedAt: null,
      resumeAt: null,
      scheduledChange: null,
      latestInvoice: expect.stringMatching(/^in_/),
      metadata: { deal: "42" },
      createdAt: "2026-04-01T00:00:00.000Z",
      updatedAt: expect.any(String),
    });
    const invoice = await db.em().findOneOrFail(Invoice, { publicId: sub.latestInvoice! });
    expect(invoice).toMatchObject({ total: 6000, status: "open", billingReason: "subscription_create" });
    const event = await db
      .em()
      .findOneOrFail(AuditEvent, { action: "Subscription.Created", targetId: sub.id });
    expect(event).toMatchObject({ actorType: "api_key", actorId: a.apiKeyId, ip: "203.0.113.7" });
    expect(await a.api().integration.subscriptions.get({ id: sub.id })).toEqual(sub);
    const page = await a.api().integration.subscriptions.list({ customer, status: "active" });
    expect(page.data.map((s) => s.id)).toContain(sub.id);
  });

  it("previews a change, then applies it with the same figures", async () => {
    now = new Date("2026-04-01T00:00:00Z");
    const sub = await create();
    now = new Date("2026-04-11T00:00:00Z");
    const input = {
      id: sub.id,
      items: [{ price: prices.seat, quantity: 8 }],
      prorationBehavior: "always_invoice" as const,
    };
    const preview = await a.api().integration.subscriptions.previewChange(input);
    // ⅔ of April left: −6000 × ⅔ = −4000, +9600 × ⅔ = 6400.
    expect(preview.dueNow.lines.map((l) => l.amount)).toEqual([-4000, 6400]);
    expect(preview.dueNow).toMatchObject({ total: 2400, amountDue: 2400 });
    const changed = await a.api().integration.subscriptions.change(input);
    expect(changed.invoice).toMatchObject({
      total: preview.dueNow.total,
      amountDue: preview.dueNow.amountDue,
      status: "open",
    });
    expect(changed.subscription.items.map((i) => i.quantity)).toEqual([8]);
    expect(changed.subscription.latestInvoice).toBe(changed.invoice!.id);
  });

  it("schedules a change for the period's end, shows it and clears it", async () => {
    now = new Date("2026-04-01T00:00:00Z");
    const sub = await create();
    now = new Date("2026-04-05T00:00:00Z");
    const api = a.api().integration.subscriptions;
    const preview = await api.previewChange({
      id: sub.id,
      items: [{ price: prices.yearly }],
      effective: "period_end",
    });
    expect(preview).toMatchObject({
      dueNow: { lines: [], total: 0 },
      nextInvoice: { date: "2026-05-01T00:00:00.000Z", total: 30000 },
      scheduled: { effectiveAt: "2026-05-01T00:00:00.000Z", items: [{ price: prices.yearly, quantity: 1 }] },
    });
    const { subscription, invoice } = await api.change({
      id: sub.id,
      items: [{ price: prices.yearly }],
      effective: "period_end",
    });
    expect(invoice).toBeNull();
    expect(subscription.scheduledChange).toEqual(preview.scheduled);
    expect((await api.clearScheduledChange({ id: sub.id })).scheduledChange).toBeNull();
  });

  it("cancels at the period's end and undoes it, pauses and resumes, cancels now with a credit", async () => {
    now = new Date("2026-04-01T00:00:00Z");
    const sub = await create({ items: [{ price: prices.pro }] });
    now = new Date("2026-04-16T00:00:00Z");
    const api = a.api().integration.subscriptions;
    const canceling = await api.cancel({ id: sub.id, at: "period_end", reason: "cancellation_requested" });
    expect(canceling.subscription).toMatchObject({
      cancelAtPeriodEnd: true,
      cancelAt: "2026-05-01T00:00:00.000Z",
    });
    expect(await api.undoCancel({ id: sub.id })).toMatchObject({ cancelAtPeriodEnd: false, cancelAt: null });
    const pausing = await api.pause({ id: sub.id, maxPauseDays: 10 });
    expect(pausing).toMatchObject({
      pausedAt: "2026-05-01T00:00:00.000Z",
      resumeAt: "2026-05-11T00:00:00.000Z",
    });
    expect(await failure(api.pause({ id: sub.id }))).toBe("CONFLICT SUBSCRIPTION_ALREADY_PAUSED");
    const resumed = await api.resume({ id: sub.id });
    expect(resumed).toMatchObject({ subscription: { pausedAt: null, resumeAt: null }, invoice: null });
    const canceled = await api.cancel({ id: sub.id, at: "now", prorate: true });
    expect(canceled).toMatchObject({
      subscription: { status: "canceled", endedAt: "2026-04-16T00:00:00.000Z" },
      invoice: { total: -1500, amountDue: 0, status: "paid" },
    });
    expect(await failure(api.change({ id: sub.id, items: [{ price: prices.basic }] }))).toBe(
      "CONFLICT SUBSCRIPTION_CANCELED",
    );
  });

  it("refuses bad input with typed reasons", async () => {
    now = new Date("2026-04-01T00:00:00Z");
    const api = a.api().integration.subscriptions;
    expect(await failure(create({ items: [] }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(create({ items: [{ price: prices.seat, quantity: 0 }] }))).toBe(
      "BAD_REQUEST INVALID_INPUT",
    );
    expect(await failure(api.get({ id: "in_abc" }))).toBe("BAD_REQUEST INVALID_INPUT");
    expect(await failure(create({ items: [{ price: prices.basic }, { price: prices.yearly }] }))).toBe(
      "BAD_REQUEST MIXED_INTERVALS",
    );
    expect(
      await failure(create({ items: [{ price: prices.basic }], billingCycleAnchor: "2026-03-01T00:00:00Z" })),
    ).toBe("BAD_REQUEST ANCHOR_IN_PAST");
    const sub = await create({ items: [{ price: prices.basic }] });
    expect(await failure(api.pause({ id: sub.id, resumeAt: "2026-09-01T00:00:00Z", maxPauseDays: 30 }))).toBe(
      "BAD_REQUEST PAUSE_TOO_LONG",
    );
    expect(await failure(api.cancel({ id: sub.id, at: "period_end", prorate: true }))).toBe(
      "BAD_REQUEST PRORATE_NEEDS_NOW",
    );
  });

  it("keeps merchants apart: another merchant's subscription, customer or price is NOT_FOUND", async () => {
    now = new Date("2026-04-01T00:00:00Z");
    const sub = await create({ items: [{ price: prices.basic }] });
    const other = b.api().integration.subscriptions;
    const id = sub.id;
    const items = [{ price: prices.pro }];
    const attempts = {
      get: () => other.get({ id }),
      previewChange: () => other.previewChange({ id, items }),
      change: () => other.change({ id, items }),
      clearScheduledChange: () => other.clearScheduledChange({ id }),
      cancel: () => other.cancel({ id, at: "now" }),
      undoCancel: () => other.undoCancel({ id }),
      pause: () => other.pause({ id }),
      resume: () => other.resume({ id }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect([name, await failure(attempt())]).toEqual([name, "NOT_FOUND SUBSCRIPTION_NOT_FOUND"]);
    }
    expect(await failure(other.list({ customer }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    expect(await failure(other.create({ customer, items }))).toBe("NOT_FOUND CUSTOMER_NOT_FOUND");
    const theirs = await b.api().integration.customers.create({ name: "Beta customer" });
    expect(await failure(other.create({ customer: theirs.id, items }))).toBe("NOT_FOUND PRICE_NOT_FOUND");
    expect(await db.em().findOneOrFail(Subscription, { publicId: id })).toMatchObject({ status: "active" });
  });
});
