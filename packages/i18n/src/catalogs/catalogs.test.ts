import { describe, expect, it } from "vitest";
import { createI18n } from "../instance.js";
import { SUPPORTED_LOCALES } from "../locales.js";
import { catalogs } from "./index.js";

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

  it("translates with interpolation through i18next", () => {
    const fr = createI18n({ catalog: "fr", tag: "fr-CA" });
    expect(fr.t("portal.title", { merchant: "Acme Cloud" })).toBe("Portail de facturation Acme Cloud");
    const en = createI18n({ catalog: "en", tag: "en" });
    expect(en.t("console.title", { merchant: "Acme <Cloud>" })).toBe("Acme <Cloud> console");
  });
});
