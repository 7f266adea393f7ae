export * from "./draft.js";
export * from "./finalize.js";
export * from "./numbering.js";
export * from "./tax.js";
export * from "./transitions.js";
