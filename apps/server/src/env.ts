import { z } from "zod";

const ZOnOff = z.enum(["on", "off"]);

/**
 * Fastify's trustProxy: "true" trusts every proxy, "false" none, anything else is a comma
 * list of proxy addresses or CIDRs (hop counts are not offered: Fastify ignores them).
 */
const ZTrustProxy = z
  .string()
  .default("false")
  .transform((value): boolean | string => (value === "true" ? true : value === "false" ? false : value));

const ZServerEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where users reach this server, for the start banner; unset → http://localhost:<bound port>. */
  PUBLIC_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** Known value for the demo API key, so scripts can use it (only its hash is stored). */
  PORTICO_DEMO_API_KEY: z.string().optional(),
  /** Seed the demo merchant "Acme Cloud" on start when it is missing. */
  PORTICO_SEED: ZOnOff.default("on"),
  TRUST_PROXY: ZTrustProxy,
});

export type ServerEnv = z.infer<typeof ZServerEnv>;

/**
 * Server settings from the environment, parsed once at start. Empty values count as unset.
 * The database variables (DATABASE_URL, PORTICO_DATA_DIR, …) are read by @portico/db.
 */
export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  return ZServerEnv.parse(present);
}
