import type { MikroORM } from "@portico/db";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { buildApp, type BuildAppOptions } from "../app.js";
import { readServerEnv } from "../env.js";

/** buildApp with silent logs and, unless given, SPA folders that do not exist. */
export async function buildTestApp(orm: MikroORM, options: Partial<BuildAppOptions> = {}) {
  const nowhere = path.join(tmpdir(), `portico-no-dist-${randomUUID()}`);
  return buildApp({
    orm,
    env: readServerEnv({}),
    logger: pino({ level: "silent" }),
    spaDist: { portal: nowhere, console: nowhere },
    ...options,
  });
}
