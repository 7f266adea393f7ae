import i18next, { type i18n } from "i18next";
import type { AppCatalogs, Area } from "./app-catalogs.js";
import type { Catalog } from "./catalogs/en/index.js";
import { common as enCommon } from "./catalogs/en/common.js";
import { common as frCommon } from "./catalogs/fr/common.js";
import {
  DEFAULT_LOCALE,
  type ResolvedLocale,
  SUPPORTED_LOCALES,
  type SupportedLocale,
  dir,
} from "./locales.js";

const COMMON: Record<SupportedLocale, Catalog["common"]> = { en: enCommon, fr: frCommon };

function createInstance(catalog: SupportedLocale, areas: Partial<Catalog>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: catalog,
    // Only one locale is ever loaded, and it has every key (catalogs.test.ts): nothing to fall back to.
    fallbackLng: false,
    supportedLngs: SUPPORTED_LOCALES,
    resources: { [catalog]: { translation: { common: COMMON[catalog], ...areas } } },
    interpolation: { escapeValue: false }, // React escapes what it renders
    initAsync: false,
  });
  return instance;
}

export interface LoadedI18n {
  i18n: i18n;
  /** The locale the copy is in: the viewer's, or English when that chunk could not be fetched. */
  locale: ResolvedLocale;
}

/**
 * Fetches an app's copy in the viewer's locale (falling back to English if that chunk cannot
 * be fetched) and returns an i18next instance ready for a synchronous first render. Rejects
 * when neither arrives (offline, or a deploy replaced the chunks): see createCommonI18n.
 */
export async function loadI18n<A extends Area>(
  catalogs: AppCatalogs<A>,
  locale: ResolvedLocale,
): Promise<LoadedI18n> {
  try {
    return { i18n: createInstance(locale.catalog, await catalogs[locale.catalog]()), locale };
  } catch (error) {
    if (locale.catalog === DEFAULT_LOCALE) throw error;
    const english = await catalogs[DEFAULT_LOCALE]();
    return {
      i18n: createInstance(DEFAULT_LOCALE, english),
      locale: { catalog: DEFAULT_LOCALE, tag: DEFAULT_LOCALE },
    };
  }
}

/** The `common` area alone, which needs no fetch: enough to say that the app could not load. */
export function createCommonI18n(locale: ResolvedLocale): i18n {
  return createInstance(locale.catalog, {});
}

/** Sets `<html lang dir>` so screen readers, hyphenation and CSS logical properties follow. */
export function applyDocumentLocale(
  locale: ResolvedLocale,
  root: HTMLElement = document.documentElement,
): void {
  root.lang = locale.tag;
  root.dir = dir(locale.tag);
}
