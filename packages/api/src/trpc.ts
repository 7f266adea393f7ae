import {
  authSettings,
  noThrottle,
  type AuthSettings,
  type CustomerTokenScope,
  type Throttle,
} from "@portico/auth";
import {
  AppError,
  createMailer,
  STRICT_WEBHOOK_TARGETS,
  systemClock,
  type Clock,
  type Mailer,
  type WebhookTargetPolicy,
} from "@portico/core";
import { withAuditRequest, type EntityManager, type MikroORM, type PortalFeatures } from "@portico/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { memoryCookies, type CookieAdapter } from "./cookies.js";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The `Origin` header; browsers send it on every POST, other clients usually do not. */
  origin: string | null;
  /** The `Authorization` header (`Bearer sk_…` / `Bearer cst_…`); null when absent. */
  authorization: string | null;
  /** The request's id (`x-request-id`, the log lines' `reqId`); stamped on its audit events. */
  requestId: string | null;
}

/** The structured logger procedures get; Fastify's per-request pino logger fits it. */
export interface ContextLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Context {
  /** This request's own EntityManager fork; never the global one. */
  em: EntityManager;
  orm: MikroORM;
  clock: Clock;
  req: RequestMeta;
  log: ContextLogger;
  /** Request cookies in, Set-Cookie out. */
  cookies: CookieAdapter;
  /** Session timeouts and lockout policy. */
  auth: AuthSettings;
  /** Origins whose browsers may call mutations (PUBLIC_URL's and ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** Session cookies get `Secure` (Portico is reached over HTTPS). */
  secureCookies: boolean;
  /** Sends login codes, reset links and lockout notices (SMTP or the outbox). */
  mailer: Mailer;
  /** The process's per-IP and per-e-mail auth throttles (see throttle.ts). */
  throttle: Throttle;
  /** Which webhook endpoint URLs merchants may register (WEBHOOK_ALLOW_INSECURE). */
  webhookTargets: WebhookTargetPolicy;
}

export interface ContextOptions {
  orm: MikroORM;
  clock?: Clock;
  req?: Partial<RequestMeta>;
  log?: ContextLogger;
  /** Defaults to an empty in-memory jar. */
  cookies?: CookieAdapter;
  auth?: Partial<AuthSettings>;
  allowedOrigins?: readonly string[];
  secureCookies?: boolean;
  /** The server's one mailer (SMTP_URL / EMAIL_FROM); defaults to an outbox-only mailer. */
  mailer?: Mailer;
  /** The server's one throttle; without it nothing is throttled (tests of other behaviour). */
  throttle?: Throttle;
  /** Defaults to public https URLs only. */
  webhookTargets?: WebhookTargetPolicy;
}

/** Without SMTP a message stays in the outbox table and one line goes to the log. */
const DEFAULT_EMAIL_FROM = "Portico <no-reply@localhost>";

const silentLogger: ContextLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Builds a request context; the server calls it per request, tests call it directly. */
export function createContextInner(options: ContextOptions): Context {
  const log = options.log ?? silentLogger;
  return {
    em: options.orm.em.fork(),
    orm: options.orm,
    clock: options.clock ?? systemClock,
    req: {
      ip: options.req?.ip ?? null,
      userAgent: options.req?.userAgent ?? null,
      origin: options.req?.origin ?? null,
      authorization: options.req?.authorization ?? null,
      requestId: options.req?.requestId ?? null,
    },
    log,
    cookies: options.cookies ?? memoryCookies(),
    auth: authSettings(options.auth),
    allowedOrigins: options.allowedOrigins ?? [],
    secureCookies: options.secureCookies ?? false,
    mailer:
      options.mailer ??
      createMailer({
        from: DEFAULT_EMAIL_FROM,
        clock: options.clock,
        log: (message, fields) => log.info(fields, message),
      }),
    throttle: options.throttle ?? noThrottle,
    webhookTargets: options.webhookTargets ?? STRICT_WEBHOOK_TARGETS,
  };
}

export interface ErrorData {
  /** Stable machine reason (`MERCHANT_NOT_FOUND`, `INVALID_INPUT`, …), null when unexpected. */
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** Per-procedure declarations the middlewares read (`.meta({ scope: "invoices:read" })`). */
export interface ProcedureMeta {
  /**
   * The customer-token scope a portal procedure needs. A `cst_…` token reaches a
   * `customerProcedure` only when the procedure declares one and the token grants it;
   * cookie sessions are not limited by it.
   */
  scope?: CustomerTokenScope;
  /**
   * The portal feature a `customerProcedure` belongs to: refused with FORBIDDEN
   * `FEATURE_DISABLED` when the session's PortalConfiguration turns it off.
   */
  feature?: keyof PortalFeatures;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Never send stack traces to clients, whatever NODE_ENV says; the server logs them.
    isDev: false,
    errorFormatter({ shape, error }): typeof shape & { data: ErrorData } {
      const { cause } = error;
      if (cause instanceof AppError) {
        return { ...shape, data: { ...shape.data, reason: cause.reason, details: cause.details ?? null } };
      }
      if (cause instanceof z.ZodError) {
        const issues = cause.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
        return { ...shape, data: { ...shape.data, reason: "INVALID_INPUT", details: { issues } } };
      }
      // An unexpected failure's message may hold SQL or internals: it goes to the log only.
      const message = error.code === "INTERNAL_SERVER_ERROR" ? "Internal server error" : shape.message;
      return { ...shape, message, data: { ...shape.data, reason: null, details: null } };
    },
  });

/**
 * The one place an AppError from core becomes a TRPCError with the same code, so the
 * HTTP status follows it (NOT_FOUND → 404). First in every builder's chain, it also
 * catches AppErrors thrown by the auth middlewares stacked after it.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/**
 * Cross-site request forgery guard: a mutation that carries an `Origin` header must come
 * from an allowed origin. Requests without one (server-to-server clients, curl) pass: a
 * browser always sends Origin on POST, so a forged form or fetch from another site is
 * refused here, in addition to the SameSite=Lax cookies.
 */
const allowedOrigin = t.middleware(({ ctx, type, next }) => {
  if (type !== "mutation") return next();
  // Optional chaining: unit tests hand procedures a partial context.
  const origin = ctx.req?.origin ?? null;
  if (origin !== null && !ctx.allowedOrigins.includes(origin)) {
    throw new AppError("FORBIDDEN", "ORIGIN_NOT_ALLOWED", "Requests from this origin are not allowed.");
  }
  return next();
});

/** Every AuditEvent written while a procedure runs carries the request's id. */
const auditRequestId = t.middleware(({ ctx, next }) =>
  // Optional chaining: unit tests hand procedures a partial context.
  withAuditRequest({ requestId: ctx.req?.requestId ?? null }, () => next()),
);

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const createMiddleware = t.middleware;

export const publicProcedure = t.procedure.use(appErrors).use(auditRequestId).use(allowedOrigin);
// customerProcedure (procedures/customer.ts), merchantProcedure (procedures/merchant.ts) and
// integrationProcedure (procedures/integration.ts) are built on publicProcedure.
