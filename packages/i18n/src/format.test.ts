import { describe, expect, it } from "vitest";
import { currencyFractionDigits, formatDate, formatMoney } from "./format.js";

// fr-FR groups with a narrow no-break space and puts a no-break space before the symbol.
const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("takes the fraction digits from the currency", () => {
    expect(currencyFractionDigits("USD")).toBe(2);
    expect(currencyFractionDigits("JPY")).toBe(0);
    expect(currencyFractionDigits("KWD")).toBe(3);
  });

  it("formats EUR the French way", () => {
    expect(formatMoney(123456, "EUR", "fr-FR")).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  it("formats JPY without decimals", () => {
    expect(formatMoney(1234, "JPY", "en-US")).toBe("¥1,234");
    expect(formatMoney(1234, "JPY", "ja-JP")).toBe("￥1,234");
  });

  it("formats three-decimal currencies", () => {
    expect(formatMoney(1234, "KWD", "en-US")).toBe(`KWD${NBSP}1.234`);
  });

  it("handles small, negative and zero amounts", () => {
    expect(formatMoney(5, "USD", "en-US")).toBe("$0.05");
    expect(formatMoney(-550, "USD", "en-US")).toBe("-$5.50");
    expect(formatMoney(0, "EUR", "en-US")).toBe("€0.00");
  });

  it("stays exact beyond float precision with bigint", () => {
    expect(formatMoney(9007199254740993n, "USD", "en-US")).toBe("$90,071,992,547,409.93");
  });

  it("refuses fractional minor units", () => {
    expect(() => formatMoney(10.5, "USD", "en-US")).toThrow(RangeError);
  });
});

describe("formatDate", () => {
  const instant = "2026-03-05T12:00:00Z";

  it("follows the locale's conventions", () => {
    expect(formatDate(instant, "fr-FR", { dateStyle: "long", timeZone: "UTC" })).toBe("5 mars 2026");
    expect(formatDate(instant, "en-US", { dateStyle: "long", timeZone: "UTC" })).toBe("March 5, 2026");
    expect(formatDate(instant, "en-GB", { dateStyle: "medium", timeZone: "UTC" })).toBe("5 Mar 2026");
  });

  it("accepts Date objects and epoch milliseconds", () => {
    const date = new Date(instant);
    const options = { dateStyle: "short", timeZone: "UTC" } as const;
    expect(formatDate(date, "en-US", options)).toBe("3/5/26");
    expect(formatDate(date.getTime(), "en-US", options)).toBe("3/5/26");
  });
});
