export type { i18n as I18n } from "i18next";
export { I18nextProvider as I18nProvider } from "react-i18next";
export { type MessageKey, type Translate, useTranslation } from "./translate.js";
export { currencyFractionDigits, formatDate, formatMoney } from "./format.js";
export {
  type AppCatalogs,
  type Area,
  type ConsoleArea,
  type PortalArea,
  consoleCatalogs,
  portalCatalogs,
} from "./app-catalogs.js";
export { type LoadedI18n, applyDocumentLocale, createCommonI18n, loadI18n } from "./instance.js";
export {
  DEFAULT_LOCALE,
  type ResolvedLocale,
  SUPPORTED_LOCALES,
  type SupportedLocale,
  dir,
  negotiateLocale,
  resolveLocale,
} from "./locales.js";
