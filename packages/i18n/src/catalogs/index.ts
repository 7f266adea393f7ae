import type { SupportedLocale } from "../locales.js";
import { type Catalog, en } from "./en.js";
import { fr } from "./fr.js";

export type { Catalog };
export const catalogs: Record<SupportedLocale, Catalog> = { en, fr };
