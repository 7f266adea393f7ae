import type { Catalog } from "../en/index.js";

export const portalHome: Catalog["portalHome"] = {};
