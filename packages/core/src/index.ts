export * from "./errors.js";
export * from "./clock.js";
export * from "./merchants/dto.js";
export * from "./merchants/branding.js";
export * from "./system/readiness.js";
export * from "./system/version.js";
