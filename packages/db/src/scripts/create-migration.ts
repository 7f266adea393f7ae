/**
 * Generates a migration from the difference between the entities and a scratch database
 * that has every existing migration applied, writes it to src/migrations and registers it
 * in src/migrations/index.ts. Usage: npm run db:migration:create -- [name]
 */
import { MikroORM } from "@mikro-orm/postgresql";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createOrmConfig } from "../config.js";
import { startEmbeddedPostgres } from "../embedded.js";
import { runMigrations } from "../migrate.js";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations");
const scratch = await mkdtemp(path.join(tmpdir(), "portico-migration-"));
const pg = await startEmbeddedPostgres(path.join(scratch, "pglite"));
try {
  const config = createOrmConfig({ clientUrl: pg.url, poolMax: 2 });
  const orm = await MikroORM.init({ ...config, migrations: { ...config.migrations, path: migrationsDir } });
  await runMigrations(orm);
  const initial = (await orm.getMigrator().getExecutedMigrations()).length === 0;
  const result = await orm.getMigrator().createMigration(migrationsDir, false, initial, process.argv[2]);
  await orm.close(true);
  if (!result.fileName) {
    console.log("No schema changes: nothing to generate.");
  } else {
    const className = result.fileName.replace(/\.ts$/, "");
    const indexPath = path.join(migrationsDir, "index.ts");
    let index = await readFile(indexPath, "utf8");
    index = index.replace(
      /^(import type \{ MigrationObject \} from "@mikro-orm\/core";\n)/m,
      `$1import { ${className} } from "./${className}.js";\n`,
    );
    index = index.replace(/(\[)([^\]]*)(\];\s*$)/, (_m, open: string, body: string, close: string) => {
      const items = body.trim() ? `${body.trimEnd().replace(/,$/, "")},\n  ` : "\n  ";
      return `${open}${items}{ name: "${className}", class: ${className} },\n${close}`;
    });
    await writeFile(indexPath, index);
    console.log(`Created src/migrations/${result.fileName} and registered it.`);
  }
} finally {
  await pg.stop();
  await rm(scratch, { recursive: true, force: true });
}
