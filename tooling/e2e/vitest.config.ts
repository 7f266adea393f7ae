import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Browser tests live beside each app (apps/*/e2e) and share one real server.
export default defineConfig({
  root: resolve(import.meta.dirname, "../.."),
  test: {
    include: ["apps/*/e2e/**/*.e2e.ts"],
    globalSetup: [resolve(import.meta.dirname, "src/global-setup.ts")],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
