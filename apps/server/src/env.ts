import { isEncryptionKey } from "@portico/auth";
import { DEFAULT_WEBHOOK_TIMEOUT_MS } from "@portico/core";
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

const ZEncryptionKey = z
  .string()
  .trim()
  .refine(isEncryptionKey, "32 random bytes in base64 (openssl rand -base64 32)");

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
  /** A session unused this long ends (sliding). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** A session ends this long after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Consecutive failed sign-in attempts that lock an account. */
  LOCKOUT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** How long a locked account stays locked. */
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * Further origins (comma-separated, e.g. an SPA dev server) whose browsers may call
   * mutations, besides PUBLIC_URL's own origin.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset → e-mails stay in the outbox table. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//i, "smtp:// or smtps://")
    .optional(),
  /** Sender of every e-mail (the merchant's name is shown in front of its address). */
  EMAIL_FROM: z.string().default("Portico <no-reply@localhost>"),
  /** `redis://…` or `rediss://…`: sign-in throttle counters go there; unset → PostgreSQL. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//i, "redis:// or rediss://")
    .optional(),
  /** Multiplies every sign-in throttle limit (e.g. 5 where many users share one IP address). */
  THROTTLE_SCALE: z.coerce.number().min(0.1).max(1000).default(1),
  /**
   * Seals secrets the server must read back (TOTP keys). Required in production; elsewhere,
   * unset → a key generated once into PORTICO_DATA_DIR/encryption-key.
   */
  PORTICO_ENCRYPTION_KEY: ZEncryptionKey.optional(),
  /** Previous keys (comma-separated), still accepted for reading after a rotation. */
  PORTICO_ENCRYPTION_KEYS_OLD: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ZEncryptionKey))
    .optional(),
  /** Run the job queue (e-mails, and later renewals and webhooks) in this process; off leaves it to others. */
  JOB_WORKER: ZOnOff.default("on"),
  /** How often an idle job worker looks for due jobs. */
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** How often the worker queues the billing sweep (renewals, dunning retries, settlements, credit expiry). */
  BILLING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /**
   * on: webhook endpoints may be http:// and on loopback or private addresses (local
   * development, tests); off: public https only (SSRF guard). Unset: off with NODE_ENV=production.
   */
  WEBHOOK_ALLOW_INSECURE: ZOnOff.optional(),
  /** How long a webhook receiver has to answer; unset: 10 s. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).optional(),
});

export type ServerEnv = z.infer<typeof ZServerEnv>;

/** Outbound webhook delivery settings from WEBHOOK_ALLOW_INSECURE and WEBHOOK_TIMEOUT_MS. */
export function webhookSettingsOf(
  env: Pick<ServerEnv, "NODE_ENV" | "WEBHOOK_ALLOW_INSECURE" | "WEBHOOK_TIMEOUT_MS">,
): { allowInsecure: boolean; timeoutMs: number } {
  const allow = env.WEBHOOK_ALLOW_INSECURE ?? (env.NODE_ENV === "production" ? "off" : "on");
  return { allowInsecure: allow === "on", timeoutMs: env.WEBHOOK_TIMEOUT_MS ?? DEFAULT_WEBHOOK_TIMEOUT_MS };
}

/** The origin users reach this server on: PUBLIC_URL's, or localhost on PORT. */
export function publicUrlOf(env: Pick<ServerEnv, "PUBLIC_URL" | "PORT">): string {
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/** `npm run dev`: the Vite dev servers of the two SPAs proxy /trpc here with their own Origin. */
const VITE_DEV_ORIGINS = ["http://localhost:5173", "http://localhost:5174"];

/**
 * Origins whose browsers may send mutations: PUBLIC_URL's origin plus ALLOWED_ORIGINS (and,
 * with NODE_ENV=development, the SPA dev servers).
 */
export function allowedOriginsOf(
  env: Pick<ServerEnv, "PUBLIC_URL" | "PORT" | "ALLOWED_ORIGINS" | "NODE_ENV">,
): string[] {
  const own = new URL(publicUrlOf(env)).origin;
  const extra = env.ALLOWED_ORIGINS.map((origin) => new URL(origin).origin);
  const local = env.PUBLIC_URL === undefined ? [`http://127.0.0.1:${env.PORT}`] : [];
  const dev = env.NODE_ENV === "development" ? VITE_DEV_ORIGINS : [];
  return [...new Set([own, ...local, ...extra, ...dev])];
}

/**
 * Server settings from the environment, parsed once at start. Empty values count as unset.
 * The database variables (DATABASE_URL, PORTICO_DATA_DIR, …) are read by @portico/db.
 */
export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  return ZServerEnv.parse(present);
}
