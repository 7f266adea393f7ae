import { describe, expect, it } from "vitest";
import { filtersFromSearch, filtersToSearch, hasFilters, listInput } from "./invoice-filters.js";

describe("invoice list filters", () => {
  it("round-trips through the query string, leaving empty filters out", () => {
    const filters = { status: "overdue", from: "2026-01-01", to: "2026-03-31", number: "0042" } as const;
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe("status=overdue&from=2026-01-01&to=2026-03-31&q=0042");
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch({ status: null, from: null, to: null, number: "  " }).toString()).toBe("");
  });

  it("ignores what a hand-edited URL gets wrong", () => {
    const filters = filtersFromSearch(
      new URLSearchParams("status=draft&from=yesterday&to=2026-13&q=%20a%20"),
    );
    expect(filters).toEqual({ status: null, from: null, to: null, number: "a" });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(filtersFromSearch(new URLSearchParams("status=draft")))).toBe(false);
  });

  it("asks for whole local days, the last one included", () => {
    const input = listInput({ status: "paid", from: "2026-02-01", to: "2026-02-28", number: " 7 " });
    expect(input).toEqual({
      status: "paid",
      issuedFrom: new Date(2026, 1, 1).toISOString(),
      issuedBefore: new Date(2026, 2, 1).toISOString(),
      number: "7",
    });
    expect(listInput({ status: null, from: null, to: null, number: "" })).toEqual({});
  });
});
