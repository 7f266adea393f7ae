export * from "./entities/index.js";
export * from "./ids.js";
export { createOrmConfig, type OrmConfigInput } from "./config.js";
export { openDatabase, type Database, type OpenDatabaseOptions } from "./database.js";
export { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded.js";
export { runMigrations, pendingMigrations } from "./migrate.js";
export {
  queueAuditEvent,
  recordAuditEvent,
  withAuditRequest,
  type AuditEventInput,
  type AuditRequest,
} from "./audit.js";
export { readDbEnv, type DbEnv } from "./env.js";
export { MikroORM, EntityManager } from "@mikro-orm/postgresql";
export { seedDemo, type DemoSummary, type SeedDemoOptions } from "./seed/index.js";
