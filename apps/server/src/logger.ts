import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import type { ServerEnv } from "./env.js";

/** Secrets that must never reach a log line, wherever a logger call puts them. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "authorization",
  "password",
  "newPassword",
  "currentPassword",
  "secret",
  "token",
  "apiKey",
  "*.authorization",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.secret",
  "*.token",
  "*.apiKey",
];

const REDACTED = "[redacted]";

/** Query parameters whose values are safe to log (tRPC's batch flag); every other value is masked. */
const LOGGABLE_QUERY_PARAMETERS = new Set(["batch"]);

/**
 * A request URL fit for the log: a portal link's secret (`/portal/s/<secret>`) masked in the
 * path, and every query value masked but the few known to be harmless, since query strings
 * carry reset tokens (`/portal/reset?token=…`) and tRPC query input.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const maskedPath = path.replace(/^(\/portal\/s\/)[^/]+/, `$1${REDACTED}`);
  if (queryStart === -1) return maskedPath;
  const maskedQuery = url
    .slice(queryStart + 1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=", 1)[0]!;
      return pair.includes("=") && LOGGABLE_QUERY_PARAMETERS.has(name) ? pair : `${name}=${REDACTED}`;
    })
    .join("&");
  return `${maskedPath}?${maskedQuery}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * Fastify's request serializer with the URL redacted. Like Fastify's own, it logs no
 * headers, so cookies and Authorization never reach a line.
 */
function requestSerializer(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === "string" ? redactUrl(req.url) : undefined,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

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
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { req: requestSerializer },
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
