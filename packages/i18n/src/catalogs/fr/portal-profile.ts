import type { Catalog } from "../en/index.js";

export const portalProfile: Catalog["portalProfile"] = {};
