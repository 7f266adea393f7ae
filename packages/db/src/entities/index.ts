import { Merchant } from "./merchant.js";

export * from "./merchant.js";

/** Every entity, listed explicitly for the ORM config (no folder scanning). */
export const allEntities = [Merchant];
