import { defineConfig, type Options } from "@mikro-orm/postgresql";
import { Migrator } from "@mikro-orm/migrations";
import { allEntities } from "./entities/index.js";
import { migrationsList } from "./migrations/index.js";

export interface OrmConfigInput {
  /** postgres:// URL of a real server or of the embedded one. */
  clientUrl: string;
  poolMax?: number;
  debug?: boolean;
}

/**
 * One ORM configuration for every environment: the embedded database and a real server
 * get the same driver, entities and migrations. Migrations are handed over as a list
 * (STACK-NOTES gotcha 4: .ts files loaded from disk fail under vitest on Node 20).
 */
export function createOrmConfig(input: OrmConfigInput): Options {
  return defineConfig({
    clientUrl: input.clientUrl,
    entities: allEntities,
    extensions: [Migrator],
    // min 0: MikroORM's default min of 2 makes small pools throw (STACK-NOTES gotcha 3).
    pool: { min: 0, max: input.poolMax ?? 10 },
    debug: input.debug ?? false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    allowGlobalContext: false,
    // Entities are passed explicitly; there is nothing to discover on disk.
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    migrations: {
      tableName: "mikro_orm_migrations",
      migrationsList,
      path: "src/migrations",
      pathTs: "src/migrations",
      emit: "ts",
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  });
}
