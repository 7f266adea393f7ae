import { createApiKey } from "@portico/auth";
import { AppError, fixedClock } from "@portico/core";
import {
  AuditEvent,
  Customer,
  METER_AGGREGATIONS,
  Merchant,
  Meter,
  UsageAggregate,
  UsageEvent,
  seedDemo,
} from "@portico/db";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import { METER_AGGREGATION_VALUES } from "@portico/validators";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../root.js";
import { createContextInner } from "../../trpc.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const clock = fixedClock(NOW);

/** `CODE REASON` of a failed call, and the error's details. */
async function failure(promise: Promise<unknown>): Promise<{ is: string; details: unknown }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  const reason = cause instanceof AppError ? cause.reason : "INVALID_INPUT";
  return {
    is: `${(error as TRPCError).code} ${reason}`,
    details: cause instanceof AppError ? cause.details : null,
  };
}

describe("integration.meters, integration.usage and portal.usage", () => {
  let db: TestDatabase;
  let keyA: string;
  let keyB: string;
  let acme: { merchantId: number; northwind: { id: number; publicId: string } };
  let betaCustomer: string;

  const caller = (authorization: string | null) =>
    createCaller(createContextInner({ orm: db.orm, clock, req: { authorization, ip: "203.0.113.9" } }));
  const asA = () => caller(`Bearer ${keyA}`).integration;
  const asB = () => caller(`Bearer ${keyB}`).integration;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm, { now: NOW });
    const em = db.em();
    const merchant = await em.findOneOrFail(Merchant, { slug: "acme" });
    const northwind = await em.findOneOrFail(Customer, { merchant, externalId: "acct_northwind" });
    acme = { merchantId: merchant.id, northwind: { id: northwind.id, publicId: northwind.publicId } };
    const beta = em.create(Merchant, { slug: "beta", name: "Beta" });
    // Same external id as Acme's customer: each key must reach its own.
    const customer = em.create(Customer, {
      merchant: beta,
      externalId: "acct_northwind",
      name: "B",
      currency: "USD",
    });
    await em.flush();
    betaCustomer = customer.publicId;
    keyA = (await createApiKey(db.em(), clock, { merchantId: merchant.id, name: "A", mode: "test" })).key;
    keyB = (await createApiKey(db.em(), clock, { merchantId: beta.id, name: "B", mode: "test" })).key;
  });
  afterAll(() => db?.close());

  const apiRequests = async (customer = "acct_northwind") => {
    const usage = await asA().usage.get({ customer });
    return usage.meters.find((m) => m.meter.eventName === "api_requests");
  };

  it("reads the seeded period aggregate, and ingestion adds into that same row", async () => {
    const seeded = await db
      .em()
      .findOneOrFail(
        UsageAggregate,
        { customer: acme.northwind.id, granularity: "period" },
        { orderBy: { periodStart: "desc" } },
      );
    const before = await apiRequests();
    expect(before).toMatchObject({
      quantity: seeded.value,
      period: { start: seeded.periodStart.toISOString(), end: seeded.periodEnd.toISOString() },
      currency: "USD",
    });
    expect(before!.amount).toBeGreaterThanOrEqual(0);
    expect(before!.projected.quantity).toBeGreaterThanOrEqual(before!.quantity);
    expect(before!.daily.reduce((s, d) => s + d.quantity, 0)).toBeGreaterThanOrEqual(before!.quantity);
    const periodRows = await db
      .em()
      .count(UsageAggregate, { customer: acme.northwind.id, granularity: "period" });

    expect(
      await asA().usage.ingest({
        events: [
          { id: "nw-1", customer: "acct_northwind", eventName: "api_requests", value: 1000 },
          {
            id: "nw-2",
            customer: acme.northwind.publicId,
            eventName: "api_requests",
            value: 500,
            timestamp: "2026-03-01T11:00:00Z",
          },
          { id: "nw-1", customer: "acct_northwind", eventName: "api_requests", value: 1000 },
        ],
      }),
    ).toEqual({ accepted: 2, duplicates: 1 });
    expect((await apiRequests())!.quantity).toBe(before!.quantity + 1500);
    expect(await db.em().count(UsageAggregate, { customer: acme.northwind.id, granularity: "period" })).toBe(
      periodRows,
    );
    expect(
      await asA().usage.ingest({
        events: [{ id: "nw-1", customer: "acct_northwind", eventName: "api_requests" }],
      }),
    ).toEqual({
      accepted: 0,
      duplicates: 1,
    });
  });

  it("creates, lists, gets and deactivates meters, with typed refusals", async () => {
    const created = await asA().meters.create({
      eventName: "active_seats",
      displayName: "Active seats",
      aggregation: "unique_count",
      valueProperty: "user_id",
      unitLabel: "seats",
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^mtr_/),
      eventName: "active_seats",
      displayName: "Active seats",
      aggregation: "unique_count",
      valueProperty: "user_id",
      unitLabel: "seats",
      active: true,
      createdAt: NOW.toISOString(),
    });
    expect(
      await db
        .em()
        .count(AuditEvent, { action: "Usage.MeterCreated", targetId: created.id, actorType: "api_key" }),
    ).toBe(1);
    expect((await asA().meters.list()).map((m) => m.eventName)).toEqual(["api_requests", "active_seats"]);
    expect(await asA().meters.get({ id: created.id })).toEqual(created);

    const refusals = [
      [
        { eventName: "seats2", displayName: "S", aggregation: "unique_count" },
        "BAD_REQUEST METER_VALUE_PROPERTY_REQUIRED",
      ],
      [
        { eventName: "gb", displayName: "GB", aggregation: "sum", valueProperty: "gb" },
        "BAD_REQUEST METER_VALUE_PROPERTY_NOT_ALLOWED",
      ],
      [
        { eventName: "api_requests", displayName: "Again", aggregation: "count" },
        "CONFLICT METER_EVENT_NAME_TAKEN",
      ],
      [{ eventName: "has space", displayName: "X", aggregation: "count" }, "BAD_REQUEST INVALID_INPUT"],
      [{ eventName: "x", displayName: "X", aggregation: "median" }, "BAD_REQUEST INVALID_INPUT"],
    ] as const;
    for (const [input, expected] of refusals) {
      expect((await failure(asA().meters.create(input as never))).is).toBe(expected);
    }
    // Merchant B sees none of A's meters, and may use the same event name.
    expect(await asB().meters.list()).toEqual([]);
    expect((await failure(asB().meters.get({ id: created.id }))).is).toBe("NOT_FOUND METER_NOT_FOUND");
    expect((await failure(asB().meters.deactivate({ id: created.id }))).is).toBe("NOT_FOUND METER_NOT_FOUND");
    await asB().meters.create({ eventName: "active_seats", displayName: "Seats", aggregation: "count" });

    // A deactivated meter stops aggregating; its events are still stored.
    const deactivated = await asA().meters.deactivate({ id: created.id });
    expect(deactivated).toMatchObject({ id: created.id, active: false });
    expect(await asA().meters.deactivate({ id: created.id })).toEqual(deactivated);
    expect((await asA().meters.list({ active: true })).map((m) => m.eventName)).toEqual(["api_requests"]);
    await asA().usage.ingest({
      events: [
        {
          id: "seat-1",
          customer: "acct_northwind",
          eventName: "active_seats",
          properties: { user_id: "u1" },
        },
      ],
    });
    const stored = await db
      .em()
      .findOneOrFail(UsageEvent, { merchant: acme.merchantId, idempotencyKey: "seat-1" });
    expect(stored.meter).toBeNull();
    const meter = await db.em().findOneOrFail(Meter, { publicId: created.id });
    expect(await db.em().count(UsageAggregate, { meter })).toBe(0);
  });

  it("refuses bad batches with the offending events named, and stores nothing", async () => {
    const rejected = await failure(
      asA().usage.ingest({
        events: [
          { id: "bad-1", customer: "acct_northwind", eventName: "api_requests", value: 3 },
          {
            id: "bad-2",
            customer: "acct_northwind",
            eventName: "api_requests",
            timestamp: "2026-01-01T00:00:00Z",
          },
          { id: "bad-3", customer: "acct_northwind", eventName: "api_requests", value: -2 },
        ],
      }),
    );
    expect(rejected).toEqual({
      is: "BAD_REQUEST USAGE_EVENTS_REJECTED",
      details: {
        rejected: [
          { id: "bad-2", reason: "TIMESTAMP_TOO_OLD" },
          { id: "bad-3", reason: "VALUE_INVALID" },
        ],
      },
    });
    expect(await db.em().count(UsageEvent, { idempotencyKey: { $in: ["bad-1", "bad-2", "bad-3"] } })).toBe(0);

    const tooMany = Array.from({ length: 1001 }, (_, i) => ({
      id: `m${i}`,
      customer: "acct_northwind",
      eventName: "x",
    }));
    const typo = [
      { id: "typo", customer: "acct_northwind", eventName: "x", timestmp: "2026-03-01T00:00:00Z" },
    ];
    for (const events of [tooMany, [], [{ customer: "acct_northwind", eventName: "x" }], typo]) {
      expect((await failure(asA().usage.ingest({ events } as never))).is).toBe("BAD_REQUEST INVALID_INPUT");
    }
    expect(
      (
        await failure(
          asA().usage.ingest({
            events: [{ id: "t", customer: "acct_northwind", eventName: "x", timestamp: "yesterday" }],
          }),
        )
      ).is,
    ).toBe("BAD_REQUEST INVALID_INPUT");
  });

  it("keeps each API key to its own merchant's customers", async () => {
    const before = (await apiRequests())!.quantity;
    // B's key, A's customer by Portico id: NOT_FOUND, nothing written.
    const foreign = await failure(
      asB().usage.ingest({
        events: [{ id: "b-1", customer: acme.northwind.publicId, eventName: "api_requests", value: 9 }],
      }),
    );
    expect(foreign).toEqual({
      is: "NOT_FOUND CUSTOMER_NOT_FOUND",
      details: { rejected: [{ id: "b-1", reason: "CUSTOMER_NOT_FOUND" }] },
    });
    expect((await failure(asB().usage.get({ customer: acme.northwind.publicId }))).is).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    expect((await failure(asA().usage.get({ customer: betaCustomer }))).is).toBe(
      "NOT_FOUND CUSTOMER_NOT_FOUND",
    );
    // The same external id through B's key is B's own customer (no metered subscription there).
    expect(
      await asB().usage.ingest({
        events: [{ id: "b-2", customer: "acct_northwind", eventName: "api_requests", value: 9 }],
      }),
    ).toEqual({ accepted: 1, duplicates: 0 });
    expect(await asB().usage.get({ customer: "acct_northwind" })).toMatchObject({
      customer: betaCustomer,
      meters: [],
    });
    expect((await apiRequests())!.quantity).toBe(before);
    expect((await failure(caller(null).integration.usage.get({ customer: "acct_northwind" }))).is).toBe(
      "UNAUTHORIZED API_KEY_REQUIRED",
    );
  });

  it("serves portal.usage.current to a session or a usage:read token, not an invoices:read one", async () => {
    const token = async (scopes: ("usage:read" | "invoices:read")[]) =>
      (await asA().customerTokens.create({ customer: "acct_northwind", scopes, expiresIn: 600 })).token;
    const reader = caller(`Bearer ${await token(["usage:read"])}`).portal.usage;
    const viaPortal = await reader.current();
    expect(viaPortal).toEqual(await asA().usage.get({ customer: "acct_northwind" }));
    expect(viaPortal.customer).toBe(acme.northwind.publicId);

    const invoicesOnly = caller(`Bearer ${await token(["invoices:read"])}`).portal.usage;
    expect((await failure(invoicesOnly.current())).is).toBe("FORBIDDEN SCOPE_MISSING");
    expect((await failure(caller(null).portal.usage.current())).is).toBe("UNAUTHORIZED SESSION_REQUIRED");
  });

  it("keeps the validators' aggregations equal to the database's", () => {
    expect([...METER_AGGREGATION_VALUES]).toEqual([...METER_AGGREGATIONS]);
  });
});
