import { PORTICO_VERSION } from "@portico/core";
import { createTestDatabase, type TestDatabase } from "@portico/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "../env.js";
import { buildTestApp } from "../test/build-test-app.js";

describe("health endpoints", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDatabase();
    // No job worker: the last test closes the database under the app, and a poll caught
    // mid-query would hold app.close() until the pool's acquire timeout.
    app = await buildTestApp(db.orm, { env: readServerEnv({ JOB_WORKER: "off" }) });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("/livez answers 200 while the process runs", async () => {
    const response = await app.inject("/livez");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("/healthz adds version and uptime", async () => {
    const response = await app.inject("/healthz");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: "ok",
      version: PORTICO_VERSION,
      uptimeSeconds: expect.any(Number),
    });
  });

  it("/readyz answers 200 on a reachable, migrated database", async () => {
    const response = await app.inject("/readyz");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok" },
      pendingMigrations: [],
    });
  });

  it("/readyz answers 503 naming a migration the database has not applied", async () => {
    const connection = db.em().getConnection();
    const [last] = await connection.execute<{ name: string }[]>(
      "select name from mikro_orm_migrations order by id desc limit 1",
    );
    await connection.execute("delete from mikro_orm_migrations where name = ?", [last!.name]);
    const response = await app.inject("/readyz");
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: "unavailable",
      checks: { database: "ok", migrations: "pending" },
      pendingMigrations: [last!.name],
    });
  });

  it("/readyz answers 503 once the database is gone, while /livez still answers 200", async () => {
    await db.orm.close(true);
    const response = await app.inject("/readyz");
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: "unavailable", checks: { database: "unreachable" } });
    expect((await app.inject("/livez")).statusCode).toBe(200);
  });
});
