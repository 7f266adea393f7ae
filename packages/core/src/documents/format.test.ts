import { describe, expect, it } from "vitest";
import { currencyDigits, documentFormat, documentLocale, toMajorUnits } from "./format.js";

describe("document formats", () => {
  it("picks the first tag written in a document language, keeping the viewer's own tag", () => {
    expect(documentLocale("fr-CA", "en")).toEqual({ language: "fr", tag: "fr-CA" });
    expect(documentLocale("de-DE", "not a tag!", "en-GB")).toEqual({ language: "en", tag: "en-GB" });
    expect(documentLocale(null, undefined)).toEqual({ language: "en", tag: "en" });
  });

  it("converts minor units exactly, in each currency's digits", () => {
    expect([currencyDigits("EUR"), currencyDigits("JPY"), currencyDigits("KWD")]).toEqual([2, 0, 3]);
    expect(toMajorUnits(-1005, "EUR")).toBe(-10.05);
    expect(toMajorUnits(7, "EUR")).toBe(0.07);
    expect(toMajorUnits(1500, "JPY")).toBe(1500);
    expect(toMajorUnits(1234, "KWD")).toBe(1.234);
  });

  it("formats money, unit prices below a cent, dates in the merchant's zone and rates", () => {
    const fr = documentFormat(documentLocale("fr-FR"), "EUR", "Europe/Paris");
    expect(fr.money(123456).replace(/\s/g, " ")).toBe("1 234,56 €");
    expect(fr.preciseMoney("0.2").replace(/\s/g, " ")).toBe("0,002 €");
    expect(fr.date(new Date("2026-02-28T23:30:00Z"))).toBe("1 mars 2026");
    expect(fr.ratePpm(200_000).replace(/\s/g, " ")).toBe("20 %");
    expect(fr.t("page", { page: 1, pages: 2 })).toBe("Page 1 sur 2");
    const en = documentFormat(documentLocale("en-US"), "JPY", "No/Such_Zone");
    expect(en.money(1500)).toBe("¥1,500");
    expect(en.timeZone).toBe("UTC");
  });
});
