import { describe, expect, it } from "vitest";
import { localToday, previousMonth, rangeProblem } from "./statement-range.js";

describe("statement range", () => {
  it("defaults to the whole previous month, across a year end", () => {
    expect(previousMonth("2026-03-10")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousMonth("2024-03-31")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(previousMonth("2026-01-05")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("reads today in the browser's time zone", () => {
    expect(localToday(new Date(2026, 0, 31, 23, 59))).toBe("2026-01-31");
  });

  it("accepts one day and a whole leap year, and names the field of each problem", () => {
    const today = "2026-03-10";
    expect(rangeProblem({ from: "2026-03-10", to: "2026-03-10" }, today)).toBeNull();
    expect(rangeProblem({ from: "2024-01-01", to: "2024-12-31" }, today)).toBeNull();
    expect(rangeProblem({ from: "2024-01-01", to: "2025-01-01" }, today)).toEqual({
      field: "from",
      key: "rangeTooLong",
    });
    expect(rangeProblem({ from: "", to: "2026-03-01" }, today)).toEqual({
      field: "from",
      key: "dateMissing",
    });
    expect(rangeProblem({ from: "2026-03-01", to: "" }, today)).toEqual({ field: "to", key: "dateMissing" });
    expect(rangeProblem({ from: "2026-03-02", to: "2026-03-01" }, today)).toEqual({
      field: "to",
      key: "fromAfterTo",
    });
    expect(rangeProblem({ from: "2026-03-01", to: "2026-03-11" }, today)).toEqual({
      field: "to",
      key: "rangeInFuture",
    });
  });
});
