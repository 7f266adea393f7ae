import { z } from "zod";

const ZDbEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORTICO_DATA_DIR: z.string().default(".data"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_DEBUG: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type DbEnv = z.infer<typeof ZDbEnv>;

/** Database settings from the environment, parsed once. */
export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  return ZDbEnv.parse(source);
}
