import { appRouter, createContextInner, type AppRouter, type CookieAdapter } from "@portico/api";
import type { AuthSettings, Throttle } from "@portico/auth";
import type { Clock, Mailer, WebhookTargetPolicy } from "@portico/core";
import type { MikroORM } from "@portico/db";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import type { ResponseMetaFn } from "@trpc/server/http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface TrpcRoutesOptions {
  orm: MikroORM;
  clock?: Clock;
  auth?: Partial<AuthSettings>;
  /** Origins whose browsers may call mutations. */
  allowedOrigins: readonly string[];
  /** Session cookies get `Secure` (PUBLIC_URL is https). */
  secureCookies: boolean;
  /** The server's one mailer (login codes, reset links, lockout notices). */
  mailer: Mailer;
  /** The server's one set of auth throttles (PostgreSQL or Redis counters). */
  throttle: Throttle;
  /** Which webhook endpoint URLs merchants may register (WEBHOOK_ALLOW_INSECURE). */
  webhookTargets?: WebhookTargetPolicy;
}

/** The context's cookie adapter over @fastify/cookie (registered in app.ts). */
function fastifyCookies(req: FastifyRequest, reply: FastifyReply): CookieAdapter {
  return {
    get: (name) => req.cookies[name],
    set: (name, value, attributes) => void reply.setCookie(name, value, attributes),
    clear: (name, attributes) => void reply.clearCookie(name, attributes),
  };
}

/**
 * Seconds a RATE_LIMITED answer asks the client to wait (the longest, in a batch), for the
 * Retry-After header; null when no call in the response was throttled.
 */
function retryAfterSeconds(responses: Parameters<ResponseMetaFn<AppRouter>>[0]["data"]): number | null {
  let wait: number | null = null;
  for (const response of responses) {
    if (!("error" in response) || response.error.data.reason !== "RATE_LIMITED") continue;
    const seconds = response.error.data.details?.retryAfterSeconds;
    if (typeof seconds === "number") wait = Math.max(wait ?? 0, seconds);
  }
  return wait;
}

/** The API at /trpc: one context, with its own EntityManager fork, per request. */
export async function trpcRoutes(
  app: FastifyInstance,
  { orm, clock, auth, allowedOrigins, secureCookies, mailer, throttle, webhookTargets }: TrpcRoutesOptions,
): Promise<void> {
  const options: FastifyTRPCPluginOptions<AppRouter> = {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) =>
        createContextInner({
          orm,
          clock,
          log: req.log,
          cookies: fastifyCookies(req, res),
          auth,
          allowedOrigins,
          secureCookies,
          mailer,
          throttle,
          webhookTargets,
          req: {
            ip: req.ip,
            userAgent: req.headers["user-agent"] ?? null,
            origin: req.headers.origin ?? null,
            authorization: req.headers.authorization ?? null,
            requestId: req.id,
          },
        }),
      // TOO_MANY_REQUESTS is already 429; this tells the client when to come back.
      responseMeta: ({ data }) => {
        const wait = retryAfterSeconds(data);
        return wait === null ? {} : { headers: { "retry-after": String(wait) } };
      },
      onError: ({ error, path, req }) => {
        // Expected failures (NOT_FOUND, BAD_REQUEST, …) are answers, not incidents.
        if (error.code === "INTERNAL_SERVER_ERROR")
          req.log.error({ err: error.cause ?? error, path }, "procedure failed");
      },
    },
  };
  await app.register(fastifyTRPCPlugin, options);
}
