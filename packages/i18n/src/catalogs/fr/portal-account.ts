import type { Catalog } from "../en/index.js";

export const portalAccount: Catalog["portalAccount"] = {};
