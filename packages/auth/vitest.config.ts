import { defineConfig, mergeConfig } from "vitest/config";
// A relative path, not "@portico/db/testing/vitest": Vite bundles relative imports of the
// config but hands bare ones to Node, which cannot load a .ts file on Node 20.
import { databaseTestConfig } from "../db/src/testing/vitest.js";

export default mergeConfig(databaseTestConfig(), defineConfig({ test: { include: ["src/**/*.test.ts"] } }));
