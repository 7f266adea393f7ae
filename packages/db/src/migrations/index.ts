import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261121083847 } from "./Migration20261121083847.js";

/**
 * Every migration, in order. Generated files are added here by
 * `npm run db:migration:create` (see src/scripts/create-migration.ts).
 */
export const migrationsList: MigrationObject[] = [
  { name: "Migration20261121083847", class: Migration20261121083847 },
];
