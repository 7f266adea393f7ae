import fastifyCookie from "@fastify/cookie";
import { setPublicUrl } from "@portico/api";
import { isSecureOrigin } from "@portico/auth";
import { createMailer, type Clock, type Mailer } from "@portico/core";
import type { DemoSummary, MikroORM } from "@portico/db";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { allowedOriginsOf, publicUrlOf, type ServerEnv } from "./env.js";
import { createLogger } from "./logger.js";
import { healthRoutes } from "./routes/health.js";
import { landingRoutes } from "./routes/landing.js";
import { spaRoutes } from "./routes/spa.js";
import { trpcRoutes } from "./routes/trpc.js";
import { defaultSpaDistDirs, type SpaDistDirs } from "./spa-dist.js";

export interface BuildAppOptions {
  /** An open, migrated database; the caller owns it and closes it after the app. */
  orm: MikroORM;
  env: ServerEnv;
  /** Defaults to a logger built from env (LOG_LEVEL, pretty on a terminal). */
  logger?: Logger;
  /** Summary of the demo seed for the landing page; null when there is no demo data. */
  demo?: DemoSummary | null;
  clock?: Clock;
  /** Defaults to one mailer built from SMTP_URL / EMAIL_FROM, closed with the app. */
  mailer?: Mailer;
  /** Built SPA folders; defaults to apps/portal/dist and apps/console/dist. */
  spaDist?: SpaDistDirs;
}

/** The whole HTTP surface, ready to `listen()` or `inject()`. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { orm, env } = options;
  const spaDist = options.spaDist ?? defaultSpaDistDirs();
  const logger: FastifyBaseLogger = options.logger ?? createLogger(env);
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: env.TRUST_PROXY,
    // A batched tRPC call names every procedure in the path: allow long parameters.
    routerOptions: { maxParamLength: 5000 },
  });

  app.addHook("onSend", async (_req, reply) => {
    reply.header("x-content-type-options", "nosniff");
    // Portal links carry a one-time secret in the URL: never send it on to other sites.
    reply.header("referrer-policy", "same-origin");
  });

  const mailer =
    options.mailer ??
    createMailer({
      smtpUrl: env.SMTP_URL,
      from: env.EMAIL_FROM,
      clock: options.clock,
      log: (message, fields) => logger.info(fields, message),
    });
  if (!options.mailer) app.addHook("onClose", async () => mailer.close());

  // Portal links handed out by `integration.portalSessions.create` point here.
  setPublicUrl(publicUrlOf(env));
  await app.register(healthRoutes, { orm });
  await app.register(fastifyCookie);
  await app.register(trpcRoutes, {
    orm,
    clock: options.clock,
    auth: {
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
      lockoutMaxAttempts: env.LOCKOUT_MAX_ATTEMPTS,
      lockoutMinutes: env.LOCKOUT_MINUTES,
    },
    allowedOrigins: allowedOriginsOf(env),
    secureCookies: isSecureOrigin(publicUrlOf(env)),
    mailer,
  });
  await app.register(landingRoutes, { demo: options.demo ?? null });
  await app.register(spaRoutes, { basePath: "/portal", distDir: spaDist.portal, title: "customer portal" });
  await app.register(spaRoutes, {
    basePath: "/console",
    distDir: spaDist.console,
    title: "merchant console",
  });
  return app;
}
