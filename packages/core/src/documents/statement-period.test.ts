import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { calendarDay, dayStart, statementPeriod } from "./statement-period.js";

const reason = (run: () => unknown) => {
  try {
    run();
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.reason : String(error);
  }
};

describe("statement periods", () => {
  it("starts a day at local midnight, across daylight-saving changes", () => {
    expect(dayStart("2026-01-15", "Europe/Paris").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(dayStart("2026-07-15", "Europe/Paris").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    // Paris moves to summer time at 02:00 on 2026-03-29; midnight is still winter time.
    expect(dayStart("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(dayStart("2026-03-30", "Europe/Paris").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(dayStart("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(dayStart("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(dayStart("2026-02-01", "UTC").toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(Number.isNaN(dayStart("2026-02-30", "UTC").getTime())).toBe(true);
    expect(calendarDay(new Date("2026-02-28T23:30:00Z"), "Europe/Paris")).toBe("2026-03-01");
    expect(calendarDay(new Date("2026-02-28T23:30:00Z"), "UTC")).toBe("2026-02-28");
  });

  it("takes an end day as included, and instants as they are", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(statementPeriod({ start: "2026-02-01", end: "2026-02-28" }, "Europe/Paris", now)).toEqual({
      start: new Date("2026-01-31T23:00:00Z"),
      end: new Date("2026-02-28T23:00:00Z"),
    });
    const start = new Date("2026-02-01T10:00:00Z");
    const end = new Date("2026-02-02T10:00:00Z");
    expect(statementPeriod({ start, end }, "Europe/Paris", now)).toEqual({ start, end });
  });

  it("refuses empty, reversed, longer than a year and future periods", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    const check = (start: string, end: string) => reason(() => statementPeriod({ start, end }, "UTC", now));
    expect(check("2026-02-02", "2026-02-01")).toBe("STATEMENT_PERIOD_INVALID");
    expect(check("2026-13-01", "2026-02-01")).toBe("STATEMENT_PERIOD_INVALID");
    expect(check("2024-01-01", "2024-12-31")).toBe("ok"); // a leap year: 366 days
    expect(check("2024-01-01", "2025-01-01")).toBe("STATEMENT_PERIOD_TOO_LONG");
    expect(check("2026-03-01", "2026-03-10")).toBe("ok"); // up to the end of today
    expect(check("2026-03-01", "2026-03-11")).toBe("STATEMENT_PERIOD_IN_FUTURE");
    expect(
      reason(() =>
        statementPeriod(
          { start: new Date("2026-03-10T00:00:00Z"), end: new Date("2026-03-10T00:00:00Z") },
          "UTC",
          now,
        ),
      ),
    ).toBe("STATEMENT_PERIOD_INVALID");
  });
});
