import type { i18n } from "i18next";
import { useTranslation as useI18nextTranslation } from "react-i18next";
import type { Catalog } from "./catalogs/en/index.js";

/** A plural form's base key: `sessionsRevokedAll_one` is asked for as `sessionsRevokedAll`. */
type PluralBase<K extends string> =
  K extends `${infer Base}_${"zero" | "one" | "two" | "few" | "many" | "other"}` ? Base : K;

/** Every message of the catalog, as `area.key`; plural forms also by their base key. */
export type MessageKey = {
  [
    Area in keyof Catalog & string
  ]: `${Area}.${(keyof Catalog[Area] & string) | PluralBase<keyof Catalog[Area] & string>}`;
}[keyof Catalog & string];

/**
 * `t`, with its keys checked against the English catalog. Interpolation values are not typed:
 * i18next's own typing of them, over a catalog of a thousand keys, grows too deep for
 * TypeScript to instantiate.
 */
export type Translate = (key: MessageKey, options?: Record<string, unknown>) => string;

/** react-i18next's hook, with the catalog-checked `t`. */
export function useTranslation(): { t: Translate; i18n: i18n } {
  const { t, i18n } = useI18nextTranslation();
  return { t: t as unknown as Translate, i18n };
}
