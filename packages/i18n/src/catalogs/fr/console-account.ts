import type { Catalog } from "../en/index.js";

export const consoleAccount: Catalog["consoleAccount"] = {};
