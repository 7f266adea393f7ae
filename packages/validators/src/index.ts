export * from "./merchants.js";
export * from "./auth.js";
export * from "./integration.js";
export * from "./api-keys.js";
export * from "./recovery.js";
export * from "./mfa.js";
