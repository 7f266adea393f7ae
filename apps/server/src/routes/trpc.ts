import { appRouter, createContextInner, type AppRouter, type CookieAdapter } from "@portico/api";
import type { AuthSettings } from "@portico/auth";
import type { Clock, Mailer } from "@portico/core";
import type { MikroORM } from "@portico/db";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
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
}

/** The context's cookie adapter over @fastify/cookie (registered in app.ts). */
function fastifyCookies(req: FastifyRequest, reply: FastifyReply): CookieAdapter {
  return {
    get: (name) => req.cookies[name],
    set: (name, value, attributes) => void reply.setCookie(name, value, attributes),
    clear: (name, attributes) => void reply.clearCookie(name, attributes),
  };
}

/** The API at /trpc: one context, with its own EntityManager fork, per request. */
export async function trpcRoutes(
  app: FastifyInstance,
  { orm, clock, auth, allowedOrigins, secureCookies, mailer }: TrpcRoutesOptions,
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
          req: {
            ip: req.ip,
            userAgent: req.headers["user-agent"] ?? null,
            origin: req.headers.origin ?? null,
            authorization: req.headers.authorization ?? null,
          },
        }),
      onError: ({ error, path, req }) => {
        // Expected failures (NOT_FOUND, BAD_REQUEST, …) are answers, not incidents.
        if (error.code === "INTERNAL_SERVER_ERROR")
          req.log.error({ err: error.cause ?? error, path }, "procedure failed");
      },
    },
  };
  await app.register(fastifyTRPCPlugin, options);
}
