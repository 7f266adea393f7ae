import type { Catalog } from "../en/index.js";

export const throttle: Catalog["throttle"] = {};
