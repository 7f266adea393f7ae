import i18next, { type i18n } from "i18next";
import type { en } from "./catalogs/en/index.js";
import { catalogs } from "./catalogs/index.js";
import { DEFAULT_LOCALE, type ResolvedLocale, SUPPORTED_LOCALES, dir } from "./locales.js";

// Typed keys and interpolation values for `t(...)`, checked against the English catalog.
declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

/** An i18next instance with every catalog loaded, ready synchronously. */
export function createI18n(locale: ResolvedLocale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale.catalog,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: SUPPORTED_LOCALES,
    resources: Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, { translation: catalogs[l] }])),
    interpolation: { escapeValue: false }, // React escapes what it renders
    initAsync: false,
  });
  return instance;
}

/** Sets `<html lang dir>` so screen readers, hyphenation and CSS logical properties follow. */
export function applyDocumentLocale(
  locale: ResolvedLocale,
  root: HTMLElement = document.documentElement,
): void {
  root.lang = locale.tag;
  root.dir = dir(locale.tag);
}
