import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

/**
 * Vitest settings for any package whose tests need PostgreSQL: the global setup that
 * prepares the migrated template, and generous timeouts for the embedded database.
 */
export function databaseTestConfig(): ViteUserConfig {
  return {
    test: {
      globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: "forks",
      maxWorkers: 2,
    },
  };
}
