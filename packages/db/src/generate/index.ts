export {
  DEFAULT_BATCH_SIZE,
  GENERATED_TABLES,
  generateDataset,
  type GenerateOptions,
  type GenerateProgress,
  type GenerateResult,
  type GeneratedTable,
} from "./generate.js";
