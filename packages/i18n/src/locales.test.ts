import { describe, expect, it } from "vitest";
import { dir, negotiateLocale, resolveLocale } from "./locales.js";

describe("negotiateLocale", () => {
  it("keeps the viewer's region while picking the language's catalog", () => {
    expect(negotiateLocale(["fr-CA", "en"])).toEqual({ catalog: "fr", tag: "fr-CA" });
    expect(negotiateLocale(["en-GB"])).toEqual({ catalog: "en", tag: "en-GB" });
  });

  it("walks the preference list until a language has a catalog", () => {
    expect(negotiateLocale(["ja-JP", "de", "fr"])).toEqual({ catalog: "fr", tag: "fr" });
  });

  it("canonicalizes tags and skips malformed ones", () => {
    expect(negotiateLocale(["not a tag", "FR-be"])).toEqual({ catalog: "fr", tag: "fr-BE" });
  });

  it("falls back to English", () => {
    expect(negotiateLocale([])).toEqual({ catalog: "en", tag: "en" });
    expect(negotiateLocale(["ja"])).toEqual({ catalog: "en", tag: "en" });
  });
});

describe("resolveLocale", () => {
  it("lets ?locale= override the browser", () => {
    expect(resolveLocale("?locale=fr", ["en-US"])).toEqual({ catalog: "fr", tag: "fr" });
  });

  it("ignores an unsupported override", () => {
    expect(resolveLocale("?locale=xx", ["fr-FR"])).toEqual({ catalog: "fr", tag: "fr-FR" });
  });

  it("uses the browser languages without an override", () => {
    expect(resolveLocale("", ["en-US", "fr"])).toEqual({ catalog: "en", tag: "en-US" });
  });
});

describe("dir", () => {
  it("is rtl for right-to-left scripts", () => {
    expect(dir("ar")).toBe("rtl");
    expect(dir("he-IL")).toBe("rtl");
    expect(dir("fa")).toBe("rtl");
    expect(dir("az-Arab")).toBe("rtl");
  });

  it("is ltr otherwise", () => {
    expect(dir("fr-FR")).toBe("ltr");
    expect(dir("en")).toBe("ltr");
    expect(dir("az")).toBe("ltr");
  });
});
