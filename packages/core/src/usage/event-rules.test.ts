import { describe, expect, it } from "vitest";
import { eventRejection, uniqueValueOf, type UsageEventInput } from "./event-rules.js";

const NOW = new Date("2026-03-01T12:00:00Z");
const event = (overrides: Partial<UsageEventInput> = {}): UsageEventInput => ({
  id: "evt_1",
  customer: "cus_a",
  eventName: "api_requests",
  ...overrides,
});
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 86_400_000;
const uniqueMeter = { aggregation: "unique_count" as const, valueProperty: "user" };

describe("eventRejection", () => {
  it("accepts timestamps from 35 days ago to 5 minutes ahead, and none (now)", () => {
    expect(eventRejection(event(), undefined, NOW)).toBeNull();
    expect(eventRejection(event({ timestamp: ago(35 * DAY) }), undefined, NOW)).toBeNull();
    expect(eventRejection(event({ timestamp: ago(-5 * 60_000) }), undefined, NOW)).toBeNull();
    expect(eventRejection(event({ timestamp: ago(35 * DAY + 1) }), undefined, NOW)).toBe("TIMESTAMP_TOO_OLD");
    expect(eventRejection(event({ timestamp: ago(-5 * 60_000 - 1) }), undefined, NOW)).toBe(
      "TIMESTAMP_IN_FUTURE",
    );
    expect(eventRejection(event({ timestamp: new Date("nope") }), undefined, NOW)).toBe("TIMESTAMP_INVALID");
  });

  it("wants a finite value from 0 to 10^12", () => {
    for (const value of [0, 1.5, 1e12]) expect(eventRejection(event({ value }), undefined, NOW)).toBeNull();
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e12 + 1]) {
      expect(eventRejection(event({ value }), undefined, NOW)).toBe("VALUE_INVALID");
    }
  });

  it("checks id and event name lengths", () => {
    expect(eventRejection(event({ id: "" }), undefined, NOW)).toBe("ID_INVALID");
    expect(eventRejection(event({ id: "x".repeat(256) }), undefined, NOW)).toBe("ID_INVALID");
    expect(eventRejection(event({ eventName: "" }), undefined, NOW)).toBe("EVENT_NAME_INVALID");
  });

  it("wants the counted property on a unique_count meter's events", () => {
    expect(eventRejection(event(), uniqueMeter, NOW)).toBe("VALUE_PROPERTY_MISSING");
    expect(eventRejection(event({ properties: { user: "" } }), uniqueMeter, NOW)).toBe(
      "VALUE_PROPERTY_MISSING",
    );
    expect(eventRejection(event({ properties: { user: true } }), uniqueMeter, NOW)).toBe(
      "VALUE_PROPERTY_MISSING",
    );
    expect(eventRejection(event({ properties: { user: "u1" } }), uniqueMeter, NOW)).toBeNull();
    expect(eventRejection(event(), { aggregation: "sum" }, NOW)).toBeNull();
  });
});

describe("uniqueValueOf", () => {
  it("takes strings as they are and numbers in JS notation", () => {
    expect(uniqueValueOf(event({ properties: { user: "u1" } }), uniqueMeter)).toBe("u1");
    expect(uniqueValueOf(event({ properties: { user: 42 } }), uniqueMeter)).toBe("42");
    expect(uniqueValueOf(event({ properties: { user: "u1" } }), { aggregation: "sum" })).toBeNull();
  });
});
