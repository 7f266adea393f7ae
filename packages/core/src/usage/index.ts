export * from "./dto.js";
export * from "./event-rules.js";
export * from "./meters.js";
export * from "./ingest.js";
export * from "./current-usage.js";
export { projectQuantity } from "./projection.js";
