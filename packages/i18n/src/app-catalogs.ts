import type { Catalog } from "./catalogs/en/index.js";
import type { SupportedLocale } from "./locales.js";

/**
 * An area of the catalog one SPA loads. `common` is not one: it is small, every screen uses
 * it, and it ships in the entry chunk so that even "the page could not load" is translated.
 */
export type Area = Exclude<keyof Catalog, "common">;

/**
 * One SPA's copy: for each locale, the loader of a chunk holding only that SPA's areas.
 * The app fetches the one locale it shows before its first render (see loadI18n).
 */
export type AppCatalogs<A extends Area = Area> = Record<SupportedLocale, () => Promise<Pick<Catalog, A>>>;

export type PortalArea =
  | "auth"
  | "throttle"
  | "sessions"
  | "portal"
  | "portalAccount"
  | "portalHome"
  | "portalInvoices"
  | "portalPay"
  | "portalPayments"
  | "portalDocuments"
  | "portalProfile";
export type ConsoleArea = "auth" | "throttle" | "sessions" | "console" | "consoleAccount";

export const portalCatalogs: AppCatalogs<PortalArea> = {
  en: () => import("./catalogs/en/portal-bundle.js").then((m) => m.portalBundle),
  fr: () => import("./catalogs/fr/portal-bundle.js").then((m) => m.portalBundle),
};

export const consoleCatalogs: AppCatalogs<ConsoleArea> = {
  en: () => import("./catalogs/en/console-bundle.js").then((m) => m.consoleBundle),
  fr: () => import("./catalogs/fr/console-bundle.js").then((m) => m.consoleBundle),
};
