import fastifyCookie from "@fastify/cookie";
import { setPublicUrl } from "@portico/api";
import { createThrottle, isSecureOrigin, type SecretKeyring, type Throttle } from "@portico/auth";
import { createMailer, registerGateway, stripeGatewayFactory, type Clock, type Mailer } from "@portico/core";
import type { DemoSummary, MikroORM } from "@portico/db";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { secretKeysFromEnv } from "./encryption-key.js";
import { allowedOriginsOf, publicUrlOf, webhookSettingsOf, type ServerEnv } from "./env.js";
import { createLogger } from "./logger.js";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id.js";
import { filesRoutes } from "./routes/files.js";
import { healthRoutes } from "./routes/health.js";
import { landingRoutes } from "./routes/landing.js";
import { spaRoutes } from "./routes/spa.js";
import { stripeWebhookRoutes } from "./routes/stripe-webhooks.js";
import { trpcRoutes } from "./routes/trpc.js";
import { defaultSpaDistDirs, type SpaDistDirs } from "./spa-dist.js";
import { attachJobWorker } from "./worker.js";

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
  /** Defaults to throttles on REDIS_URL, or on this database, closed with the app. */
  throttle?: Throttle;
  /** Seals TOTP secrets; defaults to PORTICO_ENCRYPTION_KEY (main.ts resolves the fallback). */
  secretKeys?: SecretKeyring;
}

/** The whole HTTP surface, ready to `listen()` or `inject()`. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { orm, env } = options;
  const spaDist = options.spaDist ?? defaultSpaDistDirs();
  const logger: FastifyBaseLogger = options.logger ?? createLogger(env);
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: env.TRUST_PROXY,
    genReqId: requestIdOf,
    // A batched tRPC call names every procedure in the path: allow long parameters.
    routerOptions: { maxParamLength: 5000 },
  });

  app.addHook("onSend", async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
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
  // Registered after the mailer's hook: onClose hooks run last first, so it stops before the mailer closes.
  if (env.JOB_WORKER === "on") {
    const pollIntervalMs = env.JOB_POLL_INTERVAL_MS;
    attachJobWorker(app, {
      orm,
      mailer,
      clock: options.clock,
      log: logger,
      pollIntervalMs,
      billingSweepIntervalMs: env.BILLING_SWEEP_INTERVAL_MS,
      publicUrl: publicUrlOf(env),
      webhooks: webhookSettingsOf(env),
    });
  }

  const throttle =
    options.throttle ??
    (await createThrottle({
      store: env.REDIS_URL ? { kind: "redis", url: env.REDIS_URL } : { kind: "postgres", orm },
      scale: env.THROTTLE_SCALE,
      log: logger,
    }));
  if (!options.throttle) app.addHook("onClose", async () => throttle.close());

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
      secretKeys: options.secretKeys ?? secretKeysFromEnv(env),
    },
    allowedOrigins: allowedOriginsOf(env),
    secureCookies: isSecureOrigin(publicUrlOf(env)),
    mailer,
    throttle,
    webhookTargets: { allowInsecure: webhookSettingsOf(env).allowInsecure },
  });
  // Signed download links (invoice PDFs, statements) handed out by the API point here.
  await app.register(filesRoutes, {
    orm,
    clock: options.clock,
    secretKeys: options.secretKeys ?? secretKeysFromEnv(env),
  });
  // Stripe merchants' credentials are sealed with this keyring: the gateway opens them per
  // charge, the webhook route opens the signing secrets. Put back when the app closes.
  const stripeSecrets = options.secretKeys ?? secretKeysFromEnv(env);
  if (stripeSecrets) {
    const restoreStripe = registerGateway("stripe", stripeGatewayFactory({ secrets: stripeSecrets }));
    app.addHook("onClose", async () => restoreStripe());
  }
  await app.register(stripeWebhookRoutes, { orm, clock: options.clock, secretKeys: stripeSecrets });
  await app.register(landingRoutes, { demo: options.demo ?? null });
  await app.register(spaRoutes, { basePath: "/portal", distDir: spaDist.portal, title: "customer portal" });
  await app.register(spaRoutes, {
    basePath: "/console",
    distDir: spaDist.console,
    title: "merchant console",
  });
  return app;
}
