import { PORTICO_VERSION } from "@portico/core";
import { openDatabase, readDbEnv, seedDemo, type Database } from "@portico/db";
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { buildApp } from "./app.js";
import { formatBanner } from "./banner.js";
import { resolveSecretKeys } from "./encryption-key.js";
import { readServerEnv } from "./env.js";
import { createLogger } from "./logger.js";

const SHUTDOWN_TIMEOUT_MS = 10_000;

const env = readEnvOrExit();
const logger = createLogger(env);

function readEnvOrExit() {
  try {
    return readServerEnv();
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    console.error(`Invalid configuration in the environment:\n${z.prettifyError(error)}`);
    process.exit(1);
  }
}

async function start(): Promise<void> {
  // Before the database: a production start without its key stops here.
  const secretKeys = await resolveSecretKeys(env, readDbEnv().PORTICO_DATA_DIR, logger);
  const db = await openDatabase();
  logger.info({ database: db.kind }, "database open, migrations applied");
  let app: FastifyInstance | undefined;
  try {
    const demo =
      env.PORTICO_SEED === "on" ? await seedDemo(db.orm, { apiKey: env.PORTICO_DEMO_API_KEY }) : null;
    if (demo?.created) logger.info({ merchant: demo.merchant.slug }, "demo data seeded");
    app = await buildApp({ orm: db.orm, env, logger, demo, secretKeys });
    await app.listen({ port: env.PORT, host: env.HOST });
    const { port } = app.server.address() as AddressInfo;
    const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
    process.stdout.write(formatBanner({ version: PORTICO_VERSION, publicUrl, databaseKind: db.kind, demo }));
  } catch (error) {
    await app?.close();
    await db.close();
    throw error;
  }
  closeOnSignals(app, db);
}

/** SIGINT / SIGTERM: stop taking requests, finish those in flight, close the database. */
function closeOnSignals(app: FastifyInstance, db: Database): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error("shutdown took too long: exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", shutdown).on("SIGTERM", shutdown);
}

start().catch((error: unknown) => {
  logger.fatal({ err: error }, "Portico failed to start");
  process.exit(1);
});
