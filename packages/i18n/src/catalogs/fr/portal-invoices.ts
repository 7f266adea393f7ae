import type { Catalog } from "../en/index.js";

export const portalInvoices: Catalog["portalInvoices"] = {};
