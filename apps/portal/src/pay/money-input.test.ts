import { describe, expect, it } from "vitest";
import { parseMoneyInput, sampleAmount } from "./money-input.js";

describe("parseMoneyInput", () => {
  it("reads either decimal mark, exactly", () => {
    expect(parseMoneyInput("12.50", "USD")).toBe(1250);
    expect(parseMoneyInput("12,5", "EUR")).toBe(1250);
    expect(parseMoneyInput("0.29", "USD")).toBe(29);
    expect(parseMoneyInput("1.005", "KWD")).toBe(1005);
    expect(parseMoneyInput(".5", "USD")).toBe(50);
  });

  it("reads thousands groups of any common style", () => {
    expect(parseMoneyInput("1,234.56", "USD")).toBe(123456);
    expect(parseMoneyInput("1.234,56", "EUR")).toBe(123456);
    expect(parseMoneyInput("1 234,56", "EUR")).toBe(123456);
    expect(parseMoneyInput("1\u202f234,56", "EUR")).toBe(123456);
    expect(parseMoneyInput("1,234", "USD")).toBe(123400);
    expect(parseMoneyInput("1,234", "JPY")).toBe(1234);
    expect(parseMoneyInput(" 75 ", "USD")).toBe(7500);
  });

  it("refuses what is not an amount in the currency", () => {
    for (const text of ["", "  ", "abc", "-5", "12.345.6", "1,23,456", "12.5", "1e3", "12.50 USD"]) {
      const currency = text === "12.5" ? "JPY" : "USD";
      expect(parseMoneyInput(text, currency), JSON.stringify(text)).toBeNull();
    }
    expect(parseMoneyInput("12.555", "USD")).toBe(1255500); // a thousands group, not 12.555
    expect(parseMoneyInput("99999999999999999", "USD")).toBeNull();
  });
});

describe("sampleAmount", () => {
  it("writes a sample the parser reads, in the viewer's style", () => {
    expect(sampleAmount("USD", "en-US")).toBe("12.50");
    expect(sampleAmount("EUR", "fr-FR")).toBe("12,50");
    expect(sampleAmount("JPY", "ja-JP")).toBe("1250");
    expect(parseMoneyInput(sampleAmount("EUR", "fr-FR"), "EUR")).toBe(1250);
  });
});
