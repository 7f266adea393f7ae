import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import type { ServerEnv } from "./env.js";

/** Secrets that must never reach a log line, wherever a logger call puts them. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "password",
  "secret",
  "token",
  "*.password",
  "*.secret",
  "*.token",
];

export interface LoggerTarget {
  /** Human-readable output; defaults to on for a terminal outside production. */
  pretty?: boolean;
  /** Where JSON lines go instead of stdout (tests). */
  destination?: DestinationStream;
}

/** JSON lines for machines; pino-pretty for a developer's terminal. */
export function createLogger(
  env: Pick<ServerEnv, "LOG_LEVEL" | "NODE_ENV">,
  target: LoggerTarget = {},
): Logger {
  const options: LoggerOptions = {
    level: env.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  if (target.pretty ?? wantsPrettyLogs(env)) {
    options.transport = {
      target: "pino-pretty",
      options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
    };
    return pino(options);
  }
  return pino(options, target.destination);
}

function wantsPrettyLogs(env: Pick<ServerEnv, "NODE_ENV">): boolean {
  return Boolean(process.stdout.isTTY) && env.NODE_ENV !== "production" && isInstalled("pino-pretty");
}

// pino-pretty is a dev dependency: a production install without it still starts.
function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
