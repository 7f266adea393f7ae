export * from "./money.js";
export * from "./periods.js";
export * from "./pricing.js";
export * from "./proration.js";
export * from "./totals.js";
