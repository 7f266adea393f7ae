import { appRouter, createContextInner, type AppRouter } from "@portico/api";
import type { Clock } from "@portico/core";
import type { MikroORM } from "@portico/db";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import type { FastifyInstance } from "fastify";

export interface TrpcRoutesOptions {
  orm: MikroORM;
  clock?: Clock;
}

/** The API at /trpc: one context, with its own EntityManager fork, per request. */
export async function trpcRoutes(app: FastifyInstance, { orm, clock }: TrpcRoutesOptions): Promise<void> {
  const options: FastifyTRPCPluginOptions<AppRouter> = {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }) =>
        createContextInner({
          orm,
          clock,
          log: req.log,
          req: { ip: req.ip, userAgent: req.headers["user-agent"] ?? null },
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
