import { MikroORM, type EntityManager } from "@mikro-orm/postgresql";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createOrmConfig } from "../config.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../embedded.js";
import { runMigrations } from "../migrate.js";
import { adminQuery, databaseUrl } from "./server.js";
import "./provided-context.js";

export interface TestDatabase {
  orm: MikroORM;
  /** postgres:// URL of this test's database (embedded or server). */
  url: string;
  kind: "embedded" | "server";
  /** A fresh EntityManager fork, as a request would get. */
  em(): EntityManager;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Start from an empty database and apply no migrations (to test migrating from zero). */
  empty?: boolean;
}

/**
 * An isolated database for one test file: a copy of the run's migrated template on PGlite,
 * or a clone of it on the PostgreSQL server when DATABASE_URL is set. Needs the global
 * setup of `@portico/db/testing/vitest` in the package's vitest config.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const template = inject("portico_db_template");
  if (template.kind === "server") {
    const name = `portico_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const source = options.empty ? "template0" : template.database;
    await createDatabaseFromTemplate(template.url, name, source);
    const url = databaseUrl(template.url, name);
    const orm = await MikroORM.init(createOrmConfig({ clientUrl: url, poolMax: 4 }));
    return wrap(orm, url, "server", async () => {
      await adminQuery(template.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
  const root = await mkdtemp(path.join(tmpdir(), "portico-test-"));
  const dataDir = path.join(root, "pglite");
  if (!options.empty) await cp(template.dataDir, dataDir, { recursive: true });
  let pg: EmbeddedPostgres | undefined;
  try {
    pg = await startEmbeddedPostgres(dataDir);
    const orm = await MikroORM.init(createOrmConfig({ clientUrl: pg.url, poolMax: 4 }));
    const started = pg;
    return wrap(orm, pg.url, "embedded", async () => {
      await started.stop();
      await rm(root, { recursive: true, force: true });
    });
  } catch (error) {
    await pg?.stop();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

function wrap(
  orm: MikroORM,
  url: string,
  kind: TestDatabase["kind"],
  dispose: () => Promise<void>,
): TestDatabase {
  return {
    orm,
    url,
    kind,
    em: () => orm.em.fork(),
    async close() {
      await orm.close(true);
      await dispose();
    },
  };
}

/** CREATE DATABASE … TEMPLATE fails while another clone of the template is in progress: retry. */
async function createDatabaseFromTemplate(serverUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      const busy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export { runMigrations };

/**
 * PORTICO_ENCRYPTION_KEY for tests (32 bytes, base64): fixed so a failing test can be
 * replayed. Never use it outside tests.
 */
export const TEST_ENCRYPTION_KEY = "DS3VMKe7SLXBwOE060C7uUFaCehrQkOfMhxo0OcGzDE=";
