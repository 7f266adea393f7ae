import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { checkPriceTerms, checkRecurrence, checkTrialDays, type PriceAmountInput } from "./price-rules.js";

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${error.reason}`;
    throw error;
  }
  return "accepted";
}

const tier = (upTo: number | null, unitAmount?: number) => ({ upTo, unitAmount });

describe("checkPriceTerms", () => {
  it("keeps one whole or decimal unit amount, normalized", () => {
    expect(checkPriceTerms("flat", { unitAmount: 19_00 })).toEqual({
      type: "flat",
      unitAmount: 19_00,
      unitAmountDecimal: null,
      tiersMode: null,
      tiers: null,
    });
    expect(checkPriceTerms("per_seat", { unitAmountDecimal: "0012.5000" }).unitAmountDecimal).toBe("12.5");
    expect(checkPriceTerms("metered", { unitAmountDecimal: "3.000" }).unitAmountDecimal).toBe("3");
    expect(checkPriceTerms("flat", { unitAmount: 0 }).unitAmount).toBe(0);
  });

  it("stores tiers with explicit zero amounts, as pricing reads them", () => {
    const terms = checkPriceTerms("metered", {
      tiersMode: "graduated",
      tiers: [
        { upTo: 1000, flatAmount: 5_00 },
        { upTo: 10_000, unitAmountDecimal: "0.40" },
        { upTo: null, unitAmount: 1, flatAmount: 0 },
      ],
    });
    expect(terms.tiers).toEqual([
      { upTo: 1000, unitAmount: 0, flatAmount: 5_00 },
      { upTo: 10_000, unitAmount: 0, unitAmountDecimal: "0.4", flatAmount: 0 },
      { upTo: null, unitAmount: 1, flatAmount: 0 },
    ]);
    expect(
      checkPriceTerms("per_seat", { tiersMode: "volume", tiers: [tier(null, 9_00)] }).tiers,
    ).toHaveLength(1);
  });

  const matrix: [string, PriceAmountInput, string][] = [
    ["nothing", {}, "BAD_REQUEST PRICE_AMOUNT_REQUIRED"],
    ["unit and decimal", { unitAmount: 1, unitAmountDecimal: "1" }, "BAD_REQUEST PRICE_AMOUNT_AMBIGUOUS"],
    [
      "unit and tiers",
      { unitAmount: 1, tiersMode: "volume", tiers: [tier(null, 1)] },
      "BAD_REQUEST PRICE_AMOUNT_AMBIGUOUS",
    ],
    ["tiers without mode", { tiers: [tier(null, 1)] }, "BAD_REQUEST PRICE_TIERS_MODE_REQUIRED"],
    ["mode without tiers", { tiersMode: "graduated" }, "BAD_REQUEST PRICE_TIERS_REQUIRED"],
    ["empty tiers", { tiersMode: "graduated", tiers: [] }, "BAD_REQUEST PRICE_TIERS_REQUIRED"],
    ["negative amount", { unitAmount: -1 }, "BAD_REQUEST INVALID_AMOUNT"],
    ["fractional amount", { unitAmount: 1.5 }, "BAD_REQUEST INVALID_AMOUNT"],
    ["unsafe amount", { unitAmount: 2 ** 53 }, "BAD_REQUEST INVALID_AMOUNT"],
    ["decimal with exponent", { unitAmountDecimal: "1e3" }, "BAD_REQUEST INVALID_AMOUNT"],
    ["negative decimal", { unitAmountDecimal: "-0.5" }, "BAD_REQUEST INVALID_AMOUNT"],
    ["13 decimals", { unitAmountDecimal: "0.0000000000001" }, "BAD_REQUEST INVALID_AMOUNT"],
    [
      "bounded last tier",
      { tiersMode: "graduated", tiers: [tier(10, 1), tier(20, 1)] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "unbounded tier before the last",
      { tiersMode: "graduated", tiers: [tier(null, 1), tier(null, 1)] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "descending bounds",
      { tiersMode: "volume", tiers: [tier(20, 1), tier(10, 1), tier(null, 1)] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "repeated bound",
      { tiersMode: "volume", tiers: [tier(10, 1), tier(10, 1), tier(null, 1)] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "zero bound",
      { tiersMode: "volume", tiers: [tier(0, 1), tier(null, 1)] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "tier without any amount",
      { tiersMode: "graduated", tiers: [{ upTo: 10 }, tier(null, 1)] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "tier with unit and decimal",
      { tiersMode: "graduated", tiers: [{ upTo: null, unitAmount: 1, unitAmountDecimal: "1" }] },
      "BAD_REQUEST PRICE_TIERS_INVALID",
    ],
    [
      "negative flat amount",
      { tiersMode: "graduated", tiers: [{ upTo: null, flatAmount: -5 }] },
      "BAD_REQUEST INVALID_AMOUNT",
    ],
    [
      "amount beyond 2^53 at a tier bound",
      { tiersMode: "graduated", tiers: [tier(2 ** 40, 10_000), tier(null, 1)] },
      "BAD_REQUEST PRICE_AMOUNT_TOO_LARGE",
    ],
    [
      "decimal beyond 2^53 for one unit",
      { unitAmountDecimal: "99999999999999999.5" },
      "BAD_REQUEST PRICE_AMOUNT_TOO_LARGE",
    ],
  ];
  it.each(matrix)("refuses %s", (_, input, expected) => {
    expect(reasonOf(() => checkPriceTerms("metered", input))).toBe(expected);
  });

  it("names the offending tier and problem", () => {
    try {
      checkPriceTerms("per_seat", { tiersMode: "volume", tiers: [tier(5, 1), tier(3, 1), tier(null, 1)] });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).details).toEqual({ index: 1, problem: "not_ascending" });
    }
  });
});

describe("checkRecurrence", () => {
  it.each([
    ["day", 365, "accepted"],
    ["day", 366, "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
    ["week", 52, "accepted"],
    ["week", 53, "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
    ["month", 12, "accepted"],
    ["month", 13, "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
    ["year", 1, "accepted"],
    ["year", 2, "BAD_REQUEST PRICE_INTERVAL_TOO_LONG"],
    ["month", 0, "BAD_REQUEST INVALID_INTERVAL_COUNT"],
    ["month", 1.5, "BAD_REQUEST INVALID_INTERVAL_COUNT"],
  ] as const)("%s × %d: %s", (interval, count, expected) => {
    expect(reasonOf(() => checkRecurrence(interval, count))).toBe(expected);
  });
});

describe("checkTrialDays", () => {
  it("allows 1 to 730 days on licensed prices and none on metered ones", () => {
    expect(checkTrialDays("flat", 14)).toBe(14);
    expect(checkTrialDays("metered", null)).toBeNull();
    expect(reasonOf(() => checkTrialDays("per_seat", 731))).toBe("BAD_REQUEST INVALID_TRIAL_DAYS");
    expect(reasonOf(() => checkTrialDays("per_seat", 0))).toBe("BAD_REQUEST INVALID_TRIAL_DAYS");
    expect(reasonOf(() => checkTrialDays("metered", 7))).toBe("BAD_REQUEST PRICE_TRIAL_NOT_ALLOWED");
  });
});
