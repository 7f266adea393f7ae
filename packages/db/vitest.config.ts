import { defineConfig, mergeConfig } from "vitest/config";
import { databaseTestConfig } from "./src/testing/vitest.js";

export default mergeConfig(databaseTestConfig(), defineConfig({ test: { include: ["src/**/*.test.ts"] } }));
