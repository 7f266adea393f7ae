/** Locales with a complete catalog. The first one is the fallback. */
export const SUPPORTED_LOCALES = ["en", "fr"] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: SupportedLocale = "en";

/**
 * `catalog` picks the messages; `tag` is the viewer's own BCP 47 tag, kept for `lang` and
 * `Intl` so an en-GB viewer reads English copy with day-first dates.
 */
export interface ResolvedLocale {
  catalog: SupportedLocale;
  tag: string;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined; // not a well-formed tag: skip it
  }
}

function catalogFor(tag: string): SupportedLocale | undefined {
  const language = new Intl.Locale(tag).language;
  return SUPPORTED_LOCALES.find((locale) => locale === language);
}

/** BCP 47 "lookup": the first requested tag whose language has a catalog wins. */
export function negotiateLocale(requested: readonly string[]): ResolvedLocale {
  for (const raw of requested) {
    const tag = canonical(raw);
    const catalog = tag && catalogFor(tag);
    if (tag && catalog) return { catalog, tag };
  }
  return { catalog: DEFAULT_LOCALE, tag: DEFAULT_LOCALE };
}

/** A `?locale=` query parameter overrides the browser's preferences. */
export function resolveLocale(search: string, languages: readonly string[]): ResolvedLocale {
  const override = new URLSearchParams(search).get("locale");
  return negotiateLocale(override ? [override, ...languages] : languages);
}

// Scripts written right to left (ISO 15924).
const RTL_SCRIPTS = new Set(["Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"]);

/** Text direction of a locale, from its likely script (`ar` → Arab → rtl). */
export function dir(tag: string): "ltr" | "rtl" {
  const script = new Intl.Locale(tag).maximize().script;
  return script && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
}
