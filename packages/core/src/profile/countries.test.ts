import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, isCountryCode } from "./countries.js";

describe("ISO 3166-1 country codes", () => {
  it("lists the 249 assigned codes once each, every one a region the runtime can name", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).toBeTruthy();
  });

  it("refuses reserved, withdrawn and lower-case codes", () => {
    for (const code of ["GB", "FR", "US", "IE"]) expect(isCountryCode(code)).toBe(true);
    for (const code of ["UK", "EU", "SU", "XK", "ZZ", "gb", ""]) expect(isCountryCode(code)).toBe(false);
  });
});
