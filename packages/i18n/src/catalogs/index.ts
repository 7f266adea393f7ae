import type { SupportedLocale } from "../locales.js";
import { type Catalog, en } from "./en/index.js";
import { fr } from "./fr/index.js";

export type { Catalog };
export const catalogs: Record<SupportedLocale, Catalog> = { en, fr };
