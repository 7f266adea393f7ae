import type { Catalog } from "../en/index.js";

export const portalPay: Catalog["portalPay"] = {};
