import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261121130455_keysetAndProcessingIndexes } from "./Migration20261121130455_keysetAndProcessingIndexes.js";
import { Migration20261121084901 } from "./Migration20261121084901.js";

/**
 * Every migration, in order. Generated files are added here by
 * `npm run db:migration:create` (see src/scripts/create-migration.ts).
 */
export const migrationsList: MigrationObject[] = [
  { name: "Migration20261121084901", class: Migration20261121084901 },
  {
    name: "Migration20261121130455_keysetAndProcessingIndexes",
    class: Migration20261121130455_keysetAndProcessingIndexes,
  },
];
