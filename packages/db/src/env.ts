import { fileURLToPath } from "node:url";
import { z } from "zod";

/** `.data/` at the repository root, whichever workspace the process starts in. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../.data", import.meta.url));

const ZDbEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORTICO_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_DEBUG: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** A known value for the demo sandbox API key (`sk_test_…`), so scripts can use it; only its hash is stored. Empty = unset. */
  PORTICO_DEMO_API_KEY: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});

export type DbEnv = z.infer<typeof ZDbEnv>;

/** Database settings from the environment, parsed once. */
export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  return ZDbEnv.parse(source);
}
