import { SecretKeyring } from "@portico/auth";
import type { MikroORM } from "@portico/db";
import { TEST_ENCRYPTION_KEY } from "@portico/db/testing";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { buildApp, type BuildAppOptions } from "../app.js";
import { readServerEnv } from "../env.js";

/** buildApp with silent logs, the tests' encryption key and, unless given, SPA folders that do not exist. */
export async function buildTestApp(orm: MikroORM, options: Partial<BuildAppOptions> = {}) {
  const nowhere = path.join(tmpdir(), `portico-no-dist-${randomUUID()}`);
  return buildApp({
    orm,
    env: readServerEnv({}),
    logger: pino({ level: "silent" }),
    spaDist: { portal: nowhere, console: nowhere },
    secretKeys: new SecretKeyring(TEST_ENCRYPTION_KEY),
    ...options,
  });
}
