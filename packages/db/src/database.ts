import { MikroORM } from "@mikro-orm/postgresql";
import path from "node:path";
import { createOrmConfig } from "./config.js";
import { startEmbeddedPostgres, EMBEDDED_MAX_CONNECTIONS } from "./embedded.js";
import { readDbEnv, type DbEnv } from "./env.js";
import { runMigrations } from "./migrate.js";

export interface Database {
  orm: MikroORM;
  /** "server" when DATABASE_URL points at PostgreSQL, "embedded" for PGlite. */
  kind: "server" | "embedded";
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  env?: Partial<DbEnv>;
  /** Apply pending migrations before returning (the default). */
  migrate?: boolean;
}

/**
 * Connects to `DATABASE_URL`, or starts the embedded database under
 * `PORTICO_DATA_DIR/pglite` when it is unset, then brings the schema up to date.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const env = { ...readDbEnv(), ...options.env };
  const embedded = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(env.PORTICO_DATA_DIR, "pglite"));
  const clientUrl = env.DATABASE_URL ?? embedded!.url;
  const poolMax = embedded ? Math.min(env.DB_POOL_MAX, EMBEDDED_MAX_CONNECTIONS - 2) : env.DB_POOL_MAX;
  let orm: MikroORM;
  try {
    orm = await MikroORM.init(createOrmConfig({ clientUrl, poolMax, debug: env.DB_DEBUG }));
    if (options.migrate !== false) await runMigrations(orm);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    orm,
    kind: embedded ? "embedded" : "server",
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
