import { describe, expect, it } from "vitest";
import { brandTokens, contrastRatio, parseHexColor } from "./branding.js";

describe("parseHexColor", () => {
  it("reads short and long hex", () => {
    expect(parseHexColor("#fff")).toEqual([255, 255, 255]);
    expect(parseHexColor("#4F46E5")).toEqual([79, 70, 229]);
  });

  it("rejects anything else", () => {
    for (const bad of ["red", "#ffff", "4f46e5", "#4f46e5; background: url(x)", ""]) {
      expect(parseHexColor(bad), bad).toBeUndefined();
    }
  });
});

describe("contrastRatio", () => {
  it("is 21 for black on white and 1 for a colour on itself", () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21);
    expect(contrastRatio([79, 70, 229], [79, 70, 229])).toBe(1);
  });
});

describe("brandTokens", () => {
  it("puts white text on a dark primary and ink on a light one", () => {
    expect(brandTokens("#4f46e5")).toEqual({
      "--pt-color-primary": "#4f46e5",
      "--pt-color-on-primary": "#ffffff",
    });
    expect(brandTokens("#facc15")["--pt-color-on-primary"]).toBe("#111118");
  });

  it("ignores an invalid colour", () => {
    expect(brandTokens("javascript:alert(1)")).toEqual({});
  });
});
