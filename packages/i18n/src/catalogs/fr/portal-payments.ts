import type { Catalog } from "../en/index.js";

export const portalPayments: Catalog["portalPayments"] = {};
