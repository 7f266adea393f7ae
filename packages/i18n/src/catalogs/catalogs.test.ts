import { describe, expect, it } from "vitest";
import { type AppCatalogs, type ConsoleArea, consoleCatalogs, portalCatalogs } from "../app-catalogs.js";
import { createCommonI18n, loadI18n } from "../instance.js";
import { SUPPORTED_LOCALES } from "../locales.js";
import { type Catalog, catalogs } from "./index.js";

/** key path → message, for every leaf of a catalog. */
function flatten(tree: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => [...message.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const apps = [
  ["portal", portalCatalogs],
  ["console", consoleCatalogs],
] as const;

describe("catalogs", () => {
  const english = flatten(catalogs.en);

  it.each(SUPPORTED_LOCALES)("%s has every English key, non-empty, with the same placeholders", (locale) => {
    const messages = flatten(catalogs[locale]);
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, message] of messages) {
      expect(message.trim(), key).not.toBe("");
      expect(placeholders(message), key).toEqual(placeholders(english.get(key) ?? ""));
    }
  });

  it.each(apps)("the %s chunk holds, in every locale, the same areas as the full catalog", async (_, app) => {
    const englishAreas = Object.keys(await app.en()).sort();
    for (const locale of SUPPORTED_LOCALES) {
      const bundle: Partial<Catalog> = await app[locale]();
      expect(Object.keys(bundle).sort(), locale).toEqual(englishAreas);
      for (const area of englishAreas as (keyof Catalog)[]) {
        expect(bundle[area], `${locale}.${area}`).toBe(catalogs[locale][area]);
      }
    }
  });

  it("leaves no area out: common ships in the entry, every other area in an app's chunk", async () => {
    const loaded = new Set(["common"]);
    for (const [, app] of apps) for (const area of Object.keys(await app.en())) loaded.add(area);
    expect([...loaded].sort()).toEqual(Object.keys(catalogs.en).sort());
  });
});

describe("loadI18n", () => {
  it("loads only the app's areas, in the viewer's locale, with interpolation", async () => {
    const { i18n, locale } = await loadI18n(portalCatalogs, { catalog: "fr", tag: "fr-CA" });
    expect(locale).toEqual({ catalog: "fr", tag: "fr-CA" });
    expect(i18n.t("portal.title", { merchant: "Acme Cloud" })).toBe("Portail de facturation Acme Cloud");
    expect(i18n.t("common.retry")).toBe("Réessayer");
    expect(i18n.exists("console.title")).toBe(false);
    expect(i18n.hasResourceBundle("en", "translation")).toBe(false);

    const english = await loadI18n(consoleCatalogs, { catalog: "en", tag: "en" });
    expect(english.i18n.t("console.title", { merchant: "Acme <Cloud>" })).toBe("Acme <Cloud> console");
    expect(english.i18n.exists("portalAccount.codeTitle")).toBe(false);
  });

  it("falls back to English when the viewer's chunk cannot be fetched", async () => {
    const offlineFrench: AppCatalogs<ConsoleArea> = {
      ...consoleCatalogs,
      fr: () => Promise.reject(new Error("offline")),
    };
    const { i18n, locale } = await loadI18n(offlineFrench, { catalog: "fr", tag: "fr" });
    expect(locale).toEqual({ catalog: "en", tag: "en" });
    expect(i18n.language).toBe("en");
    expect(i18n.t("console.label")).toBe("Console");
    expect(i18n.t("auth.signInTitle")).toBe("Sign in");
  });

  it("rejects when English cannot be fetched either; the common copy still speaks the viewer's locale", async () => {
    const offline: AppCatalogs<ConsoleArea> = {
      en: () => Promise.reject(new Error("offline")),
      fr: () => Promise.reject(new Error("offline")),
    };
    await expect(loadI18n(offline, { catalog: "fr", tag: "fr" })).rejects.toThrow("offline");
    await expect(loadI18n(offline, { catalog: "en", tag: "en" })).rejects.toThrow("offline");
    const fr = createCommonI18n({ catalog: "fr", tag: "fr" });
    expect(fr.t("common.errorTitle")).toBe("Une erreur est survenue");
  });
});
