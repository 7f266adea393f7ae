import { describe, expect, it } from "vitest";
import { daysOverdue } from "./days-overdue.js";

describe("daysOverdue", () => {
  // Local times (no zone suffix), so the test holds in any TZ the runner uses.
  const at = (text: string) => new Date(text);

  it("counts calendar days, not 24-hour spans", () => {
    expect(daysOverdue(at("2026-03-01T23:30:00").toISOString(), at("2026-03-02T00:10:00"))).toBe(1);
    expect(daysOverdue(at("2026-03-01T09:00:00").toISOString(), at("2026-03-11T08:00:00"))).toBe(10);
  });

  it("is 0 on the due date and before it", () => {
    expect(daysOverdue(at("2026-03-01T09:00:00").toISOString(), at("2026-03-01T18:00:00"))).toBe(0);
    expect(daysOverdue(at("2026-03-05T09:00:00").toISOString(), at("2026-03-01T18:00:00"))).toBe(0);
  });

  it("ignores daylight-saving changes", () => {
    expect(daysOverdue(at("2026-03-20T12:00:00").toISOString(), at("2026-04-05T12:00:00"))).toBe(16);
  });
});
