import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdir } from "node:fs/promises";
import path from "node:path";

export interface EmbeddedPostgres {
  /** postgres:// URL the ordinary `pg` driver can use. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Enough socket slots for the ORM pool, the job worker and a psql session. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) on `dataDir` and exposes it on a
 * loopback TCP port, so the application talks to it with the same `@mikro-orm/postgresql`
 * driver and migrations as a real server. PGlite runs one query at a time and belongs to
 * this one process: run a real PostgreSQL for more than one server process.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const absolute = path.resolve(dataDir);
  await mkdir(path.dirname(absolute), { recursive: true });
  const db = await PGlite.create(absolute);
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  await server.start();
  const [, boundPort] = server.getServerConn().split(":");
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${boundPort}/postgres?sslmode=disable`,
    dataDir: absolute,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
